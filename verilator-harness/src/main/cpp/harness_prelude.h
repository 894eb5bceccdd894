// Force-included (-include) in every translation unit of a model build: declares the hooks that
// -DVL_PRINTF=harness_printf and -DVL_USER_STOP_MAYBE make Verilator's runtime call.
#pragma once
#ifdef __cplusplus
extern "C" int harness_printf(const char* fmt, ...);
void vl_stop_maybe(const char* filename, int linenum, const char* hier, bool maybe);
#endif
