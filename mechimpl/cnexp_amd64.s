#include "textflag.h"

// func cnexpCoeffsAVX512(arg, aDen, cc, bDen *float64, n int, dt float64)
//
// CnexpSlice's steps on eight values at a time; n is a multiple of eight.
// -b is b with its sign bit flipped, as Go negates.
TEXT ·cnexpCoeffsAVX512(SB), NOSPLIT, $0-48
	MOVQ arg+0(FP), DI
	MOVQ aDen+8(FP), SI
	MOVQ cc+16(FP), DX
	MOVQ bDen+24(FP), R8
	MOVQ n+32(FP), CX
	VBROADCASTSD dt+40(FP), Z6
	MOVQ $0x8000000000000000, AX
	VPBROADCASTQ AX, Z7
	XORQ AX, AX

loop512:
	CMPQ AX, CX
	JGE  done512
	VMOVUPD (DI)(AX*8), Z0
	VDIVPD  (SI)(AX*8), Z0, Z0 // a
	VMOVUPD (DX)(AX*8), Z1
	VDIVPD  (R8)(AX*8), Z1, Z1 // b
	VMULPD  Z0, Z6, Z2         // dt·a
	VPXORQ  Z7, Z1, Z1         // -b
	VDIVPD  Z0, Z1, Z1         // -b/a
	VMOVUPD Z2, (DI)(AX*8)
	VMOVUPD Z1, (DX)(AX*8)
	ADDQ $8, AX
	JMP  loop512

done512:
	VZEROUPPER
	RET

// func cnexpCoeffsAVX(arg, aDen, cc, bDen *float64, n int, dt float64)
//
// The same four values at a time; n is a multiple of four.
TEXT ·cnexpCoeffsAVX(SB), NOSPLIT, $0-48
	MOVQ arg+0(FP), DI
	MOVQ aDen+8(FP), SI
	MOVQ cc+16(FP), DX
	MOVQ bDen+24(FP), R8
	MOVQ n+32(FP), CX
	VBROADCASTSD dt+40(FP), Y6
	MOVQ $0x8000000000000000, AX
	MOVQ AX, X7
	VMOVDDUP X7, X7
	VINSERTF128 $1, X7, Y7, Y7
	XORQ AX, AX

loop256:
	CMPQ AX, CX
	JGE  done256
	VMOVUPD (DI)(AX*8), Y0
	VDIVPD  (SI)(AX*8), Y0, Y0 // a
	VMOVUPD (DX)(AX*8), Y1
	VDIVPD  (R8)(AX*8), Y1, Y1 // b
	VMULPD  Y0, Y6, Y2         // dt·a
	VXORPD  Y7, Y1, Y1         // -b
	VDIVPD  Y0, Y1, Y1         // -b/a
	VMOVUPD Y2, (DI)(AX*8)
	VMOVUPD Y1, (DX)(AX*8)
	ADDQ $4, AX
	JMP  loop256

done256:
	VZEROUPPER
	RET
