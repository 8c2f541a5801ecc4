TITLE NetStim.mod   a spike generator

COMMENT
An artificial cell that fires number spikes, interval ms apart, starting
at start ms. With noise between 0 and 1 the intervals are partly random
(negative exponential); with noise = 0 the spike times are start, start +
interval, … as in NEURON's built-in NetStim. An event with a positive
weight starts a sequence, one with a negative weight stops it.

The random numbers come, as in NEURON 8.2's NetStim, from the model's
scop_random stream (seeded by seed(x), NEURON's set_seed), or, once
noiseFromRandom123(id1, id2, id3) has been called, from the instance's own
Random123 stream with those ids, which starts again at every
finitialize. NEURON 8.2 writes that part in C (VERBATIM); here the stream
is NEURON 9's RANDOM variable.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL NetStim
    RANGE interval, number, start, noise
    THREADSAFE
    RANDOM ranvar
}

PARAMETER {
    interval = 10 (ms) <1e-9, 1e9>
    number = 10 <0, 1e9>
    start = 50 (ms)
    noise = 0 <0, 1>
}

ASSIGNED {
    event (ms)
    on
    ispike
    ran123 : 1 once noiseFromRandom123 has set ranvar's ids
}

INITIAL {
    if (ran123) {
        random_setseq(ranvar, 0)
    }
    on = 0
    ispike = 0
    if (noise < 0) {
        noise = 0
    }
    if (noise > 1) {
        noise = 1
    }
    if (start >= 0 && number > 0) {
        on = 1
        : the first spike comes on average at start + noise*interval
        event = start + invl(interval) - interval*(1 - noise)
        if (event < 0) {
            event = 0
        }
        net_send(event, 3)
    }
}

PROCEDURE init_sequence(t (ms)) {
    if (number > 0) {
        on = 1
        event = 0
        ispike = 0
    }
}

FUNCTION invl(mean (ms)) (ms) {
    if (mean <= 0) {
        mean = .01
    }
    if (noise == 0) {
        invl = mean
    } else {
        invl = (1 - noise)*mean + noise*mean*erand()
    }
}

FUNCTION erand() {
    if (ran123) {
        erand = random_negexp(ranvar)
    } else {
        erand = exprand(1)
    }
}

PROCEDURE seed(x) {
    set_seed(x)
}

PROCEDURE noiseFromRandom123(id1, id2, id3) {
    random_setids(ranvar, id1, id2, id3)
    random_setseq(ranvar, 0)
    ran123 = 1
}

PROCEDURE next_invl() {
    if (number > 0) {
        event = invl(interval)
    }
    if (ispike >= number) {
        on = 0
    }
}

NET_RECEIVE(w) {
    if (flag == 0) { : an event from a NetCon
        if (w > 0 && on == 0) { : start a sequence
            init_sequence(t)
            next_invl()
            event = event - interval*(1 - noise)
            net_send(event, 1)
        } else if (w < 0) { : stop for good
            on = 0
        }
    }
    if (flag == 3) { : from INITIAL
        if (on == 1) {
            init_sequence(t)
            net_send(0, 1)
        }
    }
    if (flag == 1 && on == 1) {
        ispike = ispike + 1
        net_event(t)
        next_invl()
        if (on == 1) {
            net_send(event, 1)
        }
    }
}
