#include "verilator_hooks.h"
#include "verilated.h"

std::string g_harness_last_print;

extern "C" int harness_printf(const char* fmt, ...) {
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    g_harness_last_print += buf;
    if (g_harness_last_print.size() > 8192) g_harness_last_print.erase(0, g_harness_last_print.size() - 8192);
    return n;
}

static std::string where(const char* filename, int linenum, const char* hier) {
    std::string s = std::string(filename ? filename : "?") + ":" + std::to_string(linenum);
    if (hier && hier[0]) s += " in " + std::string(hier);
    return s;
}

void vl_finish(const char* filename, int linenum, const char* hier) VL_MT_UNSAFE {
    throw ModelFault("$finish at " + where(filename, linenum, hier));
}
void vl_stop(const char* filename, int linenum, const char* hier) VL_MT_UNSAFE {
    throw ModelFault("$stop at " + where(filename, linenum, hier));
}
void vl_fatal(const char* filename, int linenum, const char* hier, const char* msg) VL_MT_UNSAFE {
    throw ModelFault(std::string("$fatal at ") + where(filename, linenum, hier) + ": " + (msg ? msg : ""));
}
void vl_stop_maybe(const char* filename, int linenum, const char* hier, bool maybe) VL_MT_UNSAFE {
    (void)maybe;
    throw ModelFault("assertion failed at " + where(filename, linenum, hier));
}

#ifdef DIR_PGO_TRAIN
// Profile-guided builds (ModelBuild.Training, docs/design.md "Issue 12, eighth session"): the library built for
// training was compiled with -fprofile-instr-generate=<its build folder>/pgo/train.profraw. The testbench runs it,
// then asks it (through dispatch.cpp) to write its counters there; the file name is then set to /dev/null, because
// clang's profile runtime writes once more when the process exits (the JVM's, long after the build folder moved).
extern "C" int __llvm_profile_write_file(void);
extern "C" void __llvm_profile_set_filename(const char*);
extern "C" int dir_profile_write() {
    int rc = __llvm_profile_write_file();
    __llvm_profile_set_filename("/dev/null");
    return rc;
}
#endif
