// Turns Verilator's $stop / $fatal / $finish (Chisel `assert`, firtool's $error + $fatal) into a C++
// exception that the harness catches and reports with cycle and instance, instead of aborting the JVM.
// Build with -DVL_USER_STOP -DVL_USER_FATAL -DVL_USER_FINISH -DVL_USER_STOP_MAYBE -DVL_PRINTF=harness_printf.
#pragma once
#include <cstdarg>
#include <cstdio>
#include <stdexcept>
#include <string>

struct ModelFault : std::runtime_error {
    explicit ModelFault(const std::string& m) : std::runtime_error(m) {}
};

// The text the model printed last ($error messages), kept for the fault report.
extern std::string g_harness_last_print;
extern "C" int harness_printf(const char* fmt, ...);
