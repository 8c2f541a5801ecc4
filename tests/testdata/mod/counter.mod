: A point process that counts the instances made, with a CONSTRUCTOR
: (TestConstructor).
NEURON {
    POINT_PROCESS Counter
    GLOBAL made
    RANGE serial, by
}
PARAMETER { by = 1 }
ASSIGNED { made serial }
CONSTRUCTOR {
    made = made + by
    serial = made
}
DESTRUCTOR {
    made = made - 1
}
