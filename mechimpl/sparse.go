package mechimpl

import "math"

// sparseMatrix is scopmath's SparseObj (sparse_thread.c): the matrix of a
// KINETIC block's Newton step, held as linked rows and columns in the
// order of elimination that its minimum-degree ordering chose, and solved
// by its matsol. Every step of the ordering and of the elimination is
// scopmath's, in its order, so that the solution is NEURON's to the bit.
//
// Rows and columns are numbered from 1 inside, as scopmath numbers them.
// Element e's value is val[e]: the diagonal of row r (0-based) is element
// r, the off-diagonal elements the generated code names follow in the
// order given to newSparseMatrix, and the fill-in of the elimination comes
// last.
type sparseMatrix struct {
	n      int
	elm    []sparseElm
	val    []float64
	rowst  []int // first element of row i in solution order, 1-based i
	diag   []int // pivot element of row i in solution order
	varord []int // the solution order of row (and column) r
	rhs    []float64

	// the minimum-degree ordering's lists (scopmath's Item and List)
	roworder  []*orderItem
	orderlist *orderItem
	doFlag    bool
}

// sparseElm is an element's place: its row and column (1-based) and its
// neighbours in its column (up, down) and row (left, right), -1 for none.
type sparseElm struct {
	row, col                  int
	rUp, rDown, cLeft, cRight int
}

type orderItem struct {
	elm        int
	norder     int
	next, prev *orderItem
}

// newSparseMatrix builds the matrix of n equations with the given
// off-diagonal elements (0-based row, column) and orders it for
// elimination, as scopmath's create_coef_list does on the first call.
func newSparseMatrix(n int, offDiag [][2]int) *sparseMatrix {
	sm := &sparseMatrix{n: n}
	// initeqn: the diagonal.
	sm.rowst = make([]int, n+1)
	sm.diag = make([]int, n+1)
	sm.varord = make([]int, n+1)
	sm.rhs = make([]float64, n+1)
	for i := 1; i <= n; i++ {
		sm.varord[i] = i
		e := sm.newElm()
		sm.diag[i], sm.rowst[i] = e, e
		sm.elm[e].row, sm.elm[e].col = i, i
	}
	// The first call of the block (phase 1) makes its elements.
	for _, rc := range offDiag {
		sm.getelm(rc[0]+1, rc[1]+1, -1)
	}
	sm.minorder()
	return sm
}

func (sm *sparseMatrix) newElm() int {
	sm.elm = append(sm.elm, sparseElm{rUp: -1, rDown: -1, cLeft: -1, cRight: -1})
	sm.val = append(sm.val, 0)
	return len(sm.elm) - 1
}

// getelm returns the element at row, col, making it (or linking elm, an
// element being moved) in its sorted place in its row and column.
func (sm *sparseMatrix) getelm(row, col, elm int) int {
	vrow, vcol := sm.varord[row], sm.varord[col]
	if vrow == vcol {
		return sm.diag[vrow]
	}
	E := sm.elm
	if vrow > vcol { // lower triangle: search down from diag[vcol]
		el := sm.diag[vcol]
		for {
			next := E[el].rDown
			if next < 0 {
				break
			} else if E[next].row == row {
				return next
			} else if sm.varord[E[next].row] > vrow {
				break
			}
			el = next
		}
		if elm < 0 {
			elm = sm.newElm()
			E = sm.elm
			sm.increaseOrder(row)
		}
		E[elm].rDown = E[el].rDown
		E[el].rDown = elm
		E[elm].rUp = el
		if d := E[elm].rDown; d >= 0 {
			E[d].rUp = elm
		}
		// search left from diag[vrow]
		el = sm.diag[vrow]
		for {
			next := E[el].cLeft
			if next < 0 || sm.varord[E[next].col] < vcol {
				break
			}
			el = next
		}
		E[elm].cLeft = E[el].cLeft
		E[el].cLeft = elm
		E[elm].cRight = el
		if l := E[elm].cLeft; l >= 0 {
			E[l].cRight = elm
		} else {
			sm.rowst[vrow] = elm
		}
	} else { // upper triangle: search up from diag[vcol]
		el := sm.diag[vcol]
		for {
			next := E[el].rUp
			if next < 0 {
				break
			} else if E[next].row == row {
				return next
			} else if sm.varord[E[next].row] < vrow {
				break
			}
			el = next
		}
		if elm < 0 {
			elm = sm.newElm()
			E = sm.elm
			sm.increaseOrder(row)
		}
		E[elm].rUp = E[el].rUp
		E[el].rUp = elm
		E[elm].rDown = el
		if u := E[elm].rUp; u >= 0 {
			E[u].rDown = elm
		}
		// search right from diag[vrow]
		el = sm.diag[vrow]
		for {
			next := E[el].cRight
			if next < 0 || sm.varord[E[next].col] > vcol {
				break
			}
			el = next
		}
		E[elm].cRight = E[el].cRight
		E[el].cRight = elm
		E[elm].cLeft = el
		if r := E[elm].cRight; r >= 0 {
			E[r].cLeft = elm
		}
	}
	E[elm].row, E[elm].col = row, col
	return elm
}

// minorder is spar_minorder: the order of elimination by minimum degree,
// making every element the elimination will fill.
func (sm *sparseMatrix) minorder() {
	// init_minorder
	sm.doFlag = true
	sm.roworder = make([]*orderItem, sm.n+1)
	sm.orderlist = &orderItem{}
	sm.orderlist.next, sm.orderlist.prev = sm.orderlist, sm.orderlist
	for i := 1; i <= sm.n; i++ {
		sm.roworder[i] = &orderItem{}
	}
	for i := 1; i <= sm.n; i++ {
		j := 0
		for el := sm.rowst[i]; el >= 0; el = sm.elm[el].cRight {
			j++
		}
		it := sm.roworder[sm.elm[sm.diag[i]].row]
		it.elm, it.norder = sm.diag[i], j
		sm.insert(it)
	}
	for i := 1; i <= sm.n; i++ {
		sm.nextPivot(i)
	}
	sm.doFlag = false
}

// nextPivot is get_next_pivot: the row of least order becomes the i-th
// pivot.
func (sm *sparseMatrix) nextPivot(i int) {
	order := sm.orderlist.next
	if j := sm.varord[sm.elm[order.elm].row]; j != i {
		el := sm.rowst[j]
		for ; j > i; j-- {
			sm.diag[j] = sm.diag[j-1]
			sm.rowst[j] = sm.rowst[j-1]
			sm.varord[sm.elm[sm.diag[j]].row] = j
		}
		sm.diag[i] = order.elm
		sm.rowst[i] = el
		sm.varord[sm.elm[sm.diag[i]].row] = i
		sm.relink(i)
	}
	for el := sm.elm[sm.diag[i]].rDown; el >= 0; el = sm.elm[el].rDown {
		for pivot := sm.elm[sm.diag[i]].cRight; pivot >= 0; pivot = sm.elm[pivot].cRight {
			sm.getelm(sm.elm[el].row, sm.elm[pivot].col, -1)
		}
		sm.reduceOrder(sm.elm[el].row)
	}
	unlink(order)
}

// relink is re_link: after pivot i moved, its row and column are linked
// again in solution order.
func (sm *sparseMatrix) relink(i int) {
	E := sm.elm
	for el := sm.rowst[i]; el >= 0; el = E[el].cRight {
		if u := E[el].rUp; u >= 0 {
			E[u].rDown = E[el].rDown
		}
		if d := E[el].rDown; d >= 0 {
			E[d].rUp = E[el].rUp
		}
	}
	for _, down := range []bool{true, false} {
		el := E[sm.diag[i]].rUp
		if down {
			el = E[sm.diag[i]].rDown
		}
		for el >= 0 {
			if r := E[el].cRight; r >= 0 {
				E[r].cLeft = E[el].cLeft
			}
			if l := E[el].cLeft; l >= 0 {
				E[l].cRight = E[el].cRight
			} else {
				sm.rowst[sm.varord[E[el].row]] = E[el].cRight
			}
			if down {
				el = E[el].rDown
			} else {
				el = E[el].rUp
			}
		}
	}
	d := sm.diag[i]
	sm.rowst[i] = d
	dright, dleft, dup, ddown := E[d].cRight, E[d].cLeft, E[d].rUp, E[d].rDown
	E[d].cRight, E[d].cLeft, E[d].rUp, E[d].rDown = -1, -1, -1, -1
	for el := dright; el >= 0; {
		next := sm.elm[el].cRight
		sm.getelm(sm.elm[el].row, sm.elm[el].col, el)
		el = next
	}
	for el := dleft; el >= 0; {
		next := sm.elm[el].cLeft
		sm.getelm(sm.elm[el].row, sm.elm[el].col, el)
		el = next
	}
	for el := dup; el >= 0; {
		next := sm.elm[el].rUp
		sm.getelm(sm.elm[el].row, sm.elm[el].col, el)
		el = next
	}
	for el := ddown; el >= 0; {
		next := sm.elm[el].rDown
		sm.getelm(sm.elm[el].row, sm.elm[el].col, el)
		el = next
	}
}

func (sm *sparseMatrix) increaseOrder(row int) {
	if !sm.doFlag {
		return
	}
	it := sm.roworder[row]
	unlink(it)
	it.norder++
	sm.insert(it)
}

func (sm *sparseMatrix) reduceOrder(row int) {
	if !sm.doFlag {
		return
	}
	it := sm.roworder[row]
	unlink(it)
	it.norder--
	sm.insert(it)
}

// insert puts it before the first item of no lower order.
func (sm *sparseMatrix) insert(it *orderItem) {
	i := sm.orderlist.next
	for ; i != sm.orderlist; i = i.next {
		if i.norder >= it.norder {
			break
		}
	}
	it.prev = i.prev
	it.next = i
	i.prev = it
	it.prev.next = it
}

func unlink(it *orderItem) {
	it.next.prev = it.prev
	it.prev.next = it.next
	it.prev, it.next = nil, nil
}

// clear is init_coef_list: every element 0 (the right-hand side is the
// block's to set).
func (sm *sparseMatrix) clear() { clear(sm.val) }

// solve is matsol: elimination in solution order, then back substitution;
// the solution replaces the right-hand side. It reports false for a pivot
// of 1e-20 or less in size (SINGULAR).
func (sm *sparseMatrix) solve() bool {
	E, val, rhs := sm.elm, sm.val, sm.rhs
	for i := 1; i <= sm.n; i++ {
		pivot := sm.diag[i]
		if math.Abs(val[pivot]) <= newtonRoundoff {
			return false
		}
		for el := E[pivot].rDown; el >= 0; el = E[el].rDown {
			// subrow
			r := val[el] / val[pivot]
			rhs[E[el].row] -= rhs[E[pivot].row] * r
			sub := el
			for p := E[pivot].cRight; p >= 0; p = E[p].cRight {
				for sub = E[sub].cRight; E[sub].col != E[p].col; sub = E[sub].cRight {
				}
				val[sub] -= val[p] * r
			}
		}
	}
	// bksub
	for i := sm.n; i >= 1; i-- {
		d := sm.diag[i]
		for el := E[d].cRight; el >= 0; el = E[el].cRight {
			rhs[E[el].row] -= val[el] * rhs[E[el].col]
		}
		rhs[E[d].row] /= val[d]
	}
	return true
}
