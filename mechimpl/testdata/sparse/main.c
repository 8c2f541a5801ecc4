/* The reference for TestSparseIsScopmaths: na8st's KINETIC block (ModelDB
 * 144526) as NEURON 8.2.2's nocmodl writes it (body.h, cut from its C
 * output), solved for its steady state by scopmath's sparse_thread.c from
 * NEURON 8.2.2, with the rates NEURON computes at v = -65 mV, 6.3 degC.
 *
 * To run it: copy src/scopmath/sparse_thread.c (without its first line,
 * the #include of nrnconf.h) and src/scopmath/errcodes.h from NEURON 8.2.2
 * here, then  gcc -O2 -o sparse main.c -lm && ./sparse
 */
#include <stdio.h>
#include <stdlib.h>
void nrn_malloc_lock(){} void nrn_malloc_unlock(){}
void* nrn_pool_create(long c, int s){ return (void*)(long)s; }
void nrn_pool_delete(void* p){}
void nrn_pool_freeall(void* p){}
void* nrn_pool_alloc(void* p){ return calloc(1, (long)p); }
int abort_run(int e){ exit(e); }
#include "sparse_thread.c"
static double a1=1.8060840899450104,b1=3.259019673612569,a2=0.8935075095095647,b2=15.481924611346011,a3=0.11145434133416944,b3=3.108264087820277,ah=0.008519740496566406,bh=0.005668332387147741;
static double dt=1e9;
static int _slist1[8], _dlist1[8];
#define _RHS1(_arg) _rhs[_arg+1]
#define _MATELM1(_row,_col) *(_nrn_thread_getelm(_so, _row + 1, _col + 1))
#define o _p[0]
#define c3 _p[1]
#define c2 _p[2]
#define c1 _p[3]
#define i4 _p[4]
#define i3 _p[5]
#define i2 _p[6]
#define i1 _p[7]
static int kin (void* _so, double* _rhs, double* _p, void* _ppvar, void* _thread, void* _nt) {
 double b_flux, f_flux, _term; int _i;
 {int _i; double _dt1 = 1.0/dt;
for(_i=1;_i<8;_i++){
  	_RHS1(_i) = -_dt1*(_p[_slist1[_i]] - _p[_dlist1[_i]]);
	_MATELM1(_i, _i) = _dt1;
} }
#include "body.h"
 return 0;
}
int main() {
  double p[16] = {0};
  int i, it;
  for (i=0;i<8;i++){_slist1[i]=i; _dlist1[i]=8+i;}
  void* so = 0;
  int err = sparse_thread(&so, 8, _slist1, _dlist1, p, 0, dt, kin, 0, 0, 0, 0); /* as _ss_sparse_thread for a linear scheme */
  printf("err %d\n", err);
  for (i=0;i<8;i++) printf("%.17g\n", p[i]);
  return 0;
}
