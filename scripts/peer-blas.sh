# Shared by the benchmark scripts that run a Python peer (sourced, not run; needs $PYTHON set):
# peer_python runs the peer with the OpenBLAS kernels the service picks for itself.
# Usage: source "$(dirname "$0")/peer-blas.sh"

# The OPENBLAS_CORETYPE the Python peers run with: the service's own choice for itself (BlasCore:
# SKYLAKEX where the first /proc/cpuinfo flags line lists avx512f, avx512cd, avx512bw, avx512dq and
# avx512vl and the variable is unset; else the variable as set, or empty for OpenBLAS's own choice),
# so that both sides multiply with the same OpenBLAS kernels. Debian's OpenBLAS 0.3.21 does not know
# every newer CPU: on an Intel Xeon of family 6 model 207 it ran its Prescott (pre-AVX) kernels, and
# PyTorch trained 784-256-128-10 at 26,619 samples/s with them against 81,037 with SKYLAKEX.
peer_coretype() {
  if [[ -n "${OPENBLAS_CORETYPE:-}" ]]; then
    echo "$OPENBLAS_CORETYPE"
    return
  fi
  local flags flag
  flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2 || true) "
  for flag in avx512f avx512cd avx512bw avx512dq avx512vl; do
    [[ "$flags" == *" $flag "* ]] || return 0
  done
  echo SKYLAKEX
}
PEER_CORETYPE="$(peer_coretype)"
# Runs a Python peer with PEER_CORETYPE in its environment (when there is one).
peer_python() {
  env ${PEER_CORETYPE:+OPENBLAS_CORETYPE=$PEER_CORETYPE} "$PYTHON" "$@"
}
PEER_KERNELS="peer: OPENBLAS_CORETYPE=${PEER_CORETYPE:-unset, OpenBLAS picks its kernels}"
