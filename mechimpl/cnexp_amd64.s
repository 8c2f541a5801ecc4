#include "textflag.h"

// The constants of glibc's exp (exp.go), four times each.
#define CONST4(name, bits) \
	DATA name<>+0(SB)/8, $bits \
	DATA name<>+8(SB)/8, $bits \
	DATA name<>+16(SB)/8, $bits \
	DATA name<>+24(SB)/8, $bits \
	GLOBL name<>(SB), RODATA|NOPTR, $32

CONST4(invln2n, 0x40671547652b82fe)   // 0x1.71547652b82fep0 * 128
CONST4(shift, 0x4338000000000000)     // 0x1.8p52
CONST4(negln2hin, 0xbf762e42fefa0000) // -0x1.62e42fefa0000p-8
CONST4(negln2lon, 0xbd0cf79abc9e3b3a) // -0x1.cf79abc9e3b3ap-47
CONST4(c2, 0x3fdffffffffffdbd)        // 0x1.ffffffffffdbdp-2
CONST4(c3, 0x3fc555555555543c)        // 0x1.555555555543cp-3
CONST4(c4, 0x3fa55555cf172b91)        // 0x1.55555cf172b91p-5
CONST4(c5, 0x3f81111167a4d017)        // 0x1.1111167a4d017p-7
CONST4(absmask, 0x7fffffffffffffff)
CONST4(signbit, 0x8000000000000000)
CONST4(tiny, 0x3c90000000000000)      // 2^-54
CONST4(big, 0x4080000000000000)       // 512
CONST4(mask127, 0x000000000000007f)
CONST4(one, 0x3ff0000000000000)

// func cnexpAVX2(x, aNum, aDen, bNum, bDen *float64, n int, dt float64, table *[256]uint64) int
//
// CnexpAdvance on four values at a time, for n rounded down to a multiple
// of four, with the same operations lane by lane (so the same bits): the
// exponential is expFused's, with its fused multiply-adds. It stops
// before the first group with an exponent outside 2^-54 ≤ |x| < 512 (or
// NaN), which Exp treats apart, and returns how many it did.
TEXT ·cnexpAVX2(SB), NOSPLIT, $0-72
	MOVQ x+0(FP), DI
	MOVQ aNum+8(FP), SI
	MOVQ aDen+16(FP), DX
	MOVQ bNum+24(FP), R9
	MOVQ bDen+32(FP), R10
	MOVQ n+40(FP), CX
	MOVQ table+56(FP), R8
	ANDQ $-4, CX
	XORQ AX, AX

loop:
	CMPQ AX, CX
	JGE  done

	// a = aNum/aDen, b = bNum/bDen, cc = -b/a (Y3), arg = dt·a (Y0)
	VMOVUPD      (SI)(AX*8), Y0
	VDIVPD       (DX)(AX*8), Y0, Y0
	VMOVUPD      (R9)(AX*8), Y1
	VDIVPD       (R10)(AX*8), Y1, Y1
	VXORPD       signbit<>(SB), Y1, Y1
	VDIVPD       Y0, Y1, Y3
	VBROADCASTSD dt+48(FP), Y2
	VMULPD       Y0, Y2, Y0

	// every exponent in range?
	VANDPD    absmask<>(SB), Y0, Y1
	VCMPPD    $0x1d, tiny<>(SB), Y1, Y2 // |x| >= 2^-54, ordered
	VCMPPD    $0x11, big<>(SB), Y1, Y1  // |x| < 512, ordered
	VANDPD    Y1, Y2, Y2
	VMOVMSKPD Y2, R11
	CMPQ      R11, $15
	JNE       done

	// e^arg into Y13. kd = fma(x, InvLn2N, Shift); ki = bits(kd); kd -= Shift
	VMOVUPD     shift<>(SB), Y4
	VFMADD231PD invln2n<>(SB), Y0, Y4
	VMOVAPD     Y4, Y5
	VSUBPD      shift<>(SB), Y4, Y4

	// r = fma(kd, NegLn2loN, fma(kd, NegLn2hiN, x))
	VMOVAPD     Y0, Y6
	VFMADD231PD negln2hin<>(SB), Y4, Y6
	VFMADD231PD negln2lon<>(SB), Y4, Y6

	// i = 2*(ki % 128): tail = T[i], sbits = T[i+1] + ki<<45; each lane's
	// pair read with one load, which is faster here than two gathers
	VPAND       mask127<>(SB), Y5, Y7
	VPSLLQ      $1, Y7, Y7
	VMOVQ        X7, R11
	VPEXTRQ      $1, X7, R12
	VEXTRACTI128 $1, Y7, X8
	VMOVQ        X8, R13
	VPEXTRQ      $1, X8, BX
	VMOVUPD      (R8)(R11*8), X9
	VMOVUPD      (R8)(R12*8), X10
	VINSERTF128  $1, (R8)(R13*8), Y9, Y9  // lanes 0 and 2: tail, sbits
	VINSERTF128  $1, (R8)(BX*8), Y10, Y10 // lanes 1 and 3
	VUNPCKHPD    Y10, Y9, Y8
	VUNPCKLPD    Y10, Y9, Y9 // tail
	VMOVAPD      Y8, Y10     // sbits
	VPSLLQ      $45, Y5, Y11
	VPADDQ      Y11, Y10, Y10

	// r2 = r*r
	VMULPD Y6, Y6, Y11

	// tmp = fma(r2*r2, fma(r, C5, C4), fma(fma(r, C3, C2), r2, tail + r))
	VADDPD      Y6, Y9, Y12   // tail + r
	VMOVUPD     c2<>(SB), Y13
	VFMADD231PD c3<>(SB), Y6, Y13 // fma(r, C3, C2)
	VFMADD231PD Y11, Y13, Y12     // fma(…, r2, tail + r)
	VMOVUPD     c4<>(SB), Y14
	VFMADD231PD c5<>(SB), Y6, Y14 // fma(r, C5, C4)
	VMULPD      Y11, Y11, Y15     // r2*r2
	VFMADD231PD Y15, Y14, Y12     // tmp

	// e = scale + scale*tmp, fused
	VMOVAPD     Y10, Y13
	VFMADD231PD Y12, Y10, Y13

	// x + (1 - e)·(cc - x)
	VMOVUPD (DI)(AX*8), Y1
	VSUBPD  Y1, Y3, Y3
	VMOVUPD one<>(SB), Y2
	VSUBPD  Y13, Y2, Y2
	VMULPD  Y3, Y2, Y2
	VADDPD  Y2, Y1, Y1
	VMOVUPD Y1, (DI)(AX*8)

	ADDQ $4, AX
	JMP  loop

done:
	VZEROUPPER
	MOVQ AX, ret+64(FP)
	RET

// Each constant eight times: a ZMM operand.
#define CONST8(name, bits) \
	DATA name<>+0(SB)/8, $bits \
	DATA name<>+8(SB)/8, $bits \
	DATA name<>+16(SB)/8, $bits \
	DATA name<>+24(SB)/8, $bits \
	DATA name<>+32(SB)/8, $bits \
	DATA name<>+40(SB)/8, $bits \
	DATA name<>+48(SB)/8, $bits \
	DATA name<>+56(SB)/8, $bits \
	GLOBL name<>(SB), RODATA|NOPTR, $64

CONST8(invln2n8, 0x40671547652b82fe)
CONST8(shift8, 0x4338000000000000)
CONST8(negln2hin8, 0xbf762e42fefa0000)
CONST8(negln2lon8, 0xbd0cf79abc9e3b3a)
CONST8(c28, 0x3fdffffffffffdbd)
CONST8(c38, 0x3fc555555555543c)
CONST8(c48, 0x3fa55555cf172b91)
CONST8(c58, 0x3f81111167a4d017)
CONST8(absmask8, 0x7fffffffffffffff)
CONST8(signbit8, 0x8000000000000000)
CONST8(tiny8, 0x3c90000000000000)
CONST8(big8, 0x4080000000000000)
CONST8(mask1278, 0x000000000000007f)
CONST8(one8, 0x3ff0000000000000)

// func cnexpAVX512(x, aNum, aDen, bNum, bDen *float64, n int, dt float64, table *[256]uint64) int
//
// cnexpAVX2 eight values at a time, for n rounded down to a multiple of
// eight, with the same operations (so the same bits), the table read the
// same way: one 16-byte load per lane, which on that EPYC beats two
// eight-lane gathers by a third of the kernel's time.
TEXT ·cnexpAVX512(SB), NOSPLIT, $0-72
	MOVQ x+0(FP), DI
	MOVQ aNum+8(FP), SI
	MOVQ aDen+16(FP), DX
	MOVQ bNum+24(FP), R9
	MOVQ bDen+32(FP), R10
	MOVQ n+40(FP), CX
	MOVQ table+56(FP), R8
	ANDQ $-8, CX
	XORQ AX, AX
	VBROADCASTSD dt+48(FP), Z16

loop8:
	CMPQ AX, CX
	JGE  done8

	VMOVUPD (SI)(AX*8), Z0
	VDIVPD  (DX)(AX*8), Z0, Z0
	VMOVUPD (R9)(AX*8), Z1
	VDIVPD  (R10)(AX*8), Z1, Z1
	VPXORQ  signbit8<>(SB), Z1, Z1
	VDIVPD  Z0, Z1, Z3
	VMULPD  Z0, Z16, Z0

	VPANDQ  absmask8<>(SB), Z0, Z1
	VCMPPD  $0x1d, tiny8<>(SB), Z1, K1
	VCMPPD  $0x11, big8<>(SB), Z1, K2
	KANDW   K1, K2, K1
	KMOVW   K1, R11
	CMPQ    R11, $0xff
	JNE     done8

	VMOVUPD     shift8<>(SB), Z4
	VFMADD231PD invln2n8<>(SB), Z0, Z4
	VMOVAPD     Z4, Z5
	VSUBPD      shift8<>(SB), Z4, Z4
	VMOVAPD     Z0, Z6
	VFMADD231PD negln2hin8<>(SB), Z4, Z6
	VFMADD231PD negln2lon8<>(SB), Z4, Z6

	VPANDQ      mask1278<>(SB), Z5, Z7
	VPSLLQ      $1, Z7, Z7
	VMOVQ         X7, R11
	VPEXTRQ       $1, X7, R12
	VEXTRACTI128  $1, Y7, X8
	VMOVQ         X8, R13
	VPEXTRQ       $1, X8, BX
	VMOVUPD       (R8)(R11*8), X9
	VMOVUPD       (R8)(R12*8), X10
	VINSERTF128   $1, (R8)(R13*8), Y9, Y9  // lanes 0 and 2: tail, sbits
	VINSERTF128   $1, (R8)(BX*8), Y10, Y10 // lanes 1 and 3
	VEXTRACTI64X4 $1, Z7, Y7
	VMOVQ         X7, R11
	VPEXTRQ       $1, X7, R12
	VEXTRACTI128  $1, Y7, X8
	VMOVQ         X8, R13
	VPEXTRQ       $1, X8, BX
	VMOVUPD       (R8)(R11*8), X1
	VMOVUPD       (R8)(R12*8), X2
	VINSERTF128   $1, (R8)(R13*8), Y1, Y1 // lanes 4 and 6
	VINSERTF128   $1, (R8)(BX*8), Y2, Y2  // lanes 5 and 7
	VINSERTF64X4  $1, Y1, Z9, Z9
	VINSERTF64X4  $1, Y2, Z10, Z10
	VUNPCKHPD     Z10, Z9, Z8
	VUNPCKLPD     Z10, Z9, Z9 // tail
	VMOVAPD       Z8, Z10     // sbits
	VPSLLQ      $45, Z5, Z11
	VPADDQ      Z11, Z10, Z10

	VMULPD      Z6, Z6, Z11
	VADDPD      Z6, Z9, Z12
	VMOVUPD     c28<>(SB), Z13
	VFMADD231PD c38<>(SB), Z6, Z13
	VFMADD231PD Z11, Z13, Z12
	VMOVUPD     c48<>(SB), Z14
	VFMADD231PD c58<>(SB), Z6, Z14
	VMULPD      Z11, Z11, Z15
	VFMADD231PD Z15, Z14, Z12
	VMOVAPD     Z10, Z13
	VFMADD231PD Z12, Z10, Z13

	VMOVUPD (DI)(AX*8), Z1
	VSUBPD  Z1, Z3, Z3
	VMOVUPD one8<>(SB), Z2
	VSUBPD  Z13, Z2, Z2
	VMULPD  Z3, Z2, Z2
	VADDPD  Z2, Z1, Z1
	VMOVUPD Z1, (DI)(AX*8)

	ADDQ $8, AX
	JMP  loop8

done8:
	VZEROUPPER
	MOVQ AX, ret+64(FP)
	RET
