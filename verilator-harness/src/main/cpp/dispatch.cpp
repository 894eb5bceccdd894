// The stable C ABI that Java binds with JNA direct mapping. It never changes with the RTL: it loads built
// model libraries with dlopen and forwards calls to the objects their factories return, so one JVM can hold
// several models (profiles, a tracing build, unit tops) at once.
#include "sim_api.h"
#include <dlfcn.h>
#include <cstdio>
#include <cstring>
#include <string>

static void put_err(char* err, int cap, const std::string& msg) {
    if (err && cap > 0) {
        std::snprintf(err, (size_t)cap, "%s", msg.c_str());
    }
}

extern "C" {

int64_t dir_open(const char* path, char* err, int errcap) {
    void* h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char* e = dlerror();
        put_err(err, errcap, std::string("cannot load model library ") + path + ": " + (e ? e : "?"));
        return 0;
    }
    return (int64_t)(intptr_t)h;
}

int64_t dir_create(int64_t lib, const char* settings, char* err, int errcap) {
    typedef ISim* (*Factory)(const char*, char*, int);
    Factory f = (Factory)dlsym((void*)(intptr_t)lib, "dir_model_create");
    if (!f) {
        put_err(err, errcap, "model library has no dir_model_create (is it a DirectorTop build?)");
        return 0;
    }
    return (int64_t)(intptr_t)f(settings, err, errcap);
}

#define SIM(h) ((ISim*)(intptr_t)(h))
void dir_destroy(int64_t h) { delete SIM(h); }
int dir_push(int64_t h, const uint8_t* bytes, const int64_t* meta, int n) { return SIM(h)->push(bytes, meta, n); }
int dir_run(int64_t h, int64_t cycles) { return SIM(h)->run(cycles); }
int dir_reset(int64_t h) { return SIM(h)->reset(); }
int dir_pop_egress(int64_t h, uint8_t* buf, int64_t cap, int64_t* meta, int max) {
    return SIM(h)->popEgress(buf, cap, meta, max);
}
int dir_pop_ingress(int64_t h, int64_t* meta, int max) { return SIM(h)->popIngress(meta, max); }
int dir_csr(int64_t h, int write, int64_t addr, int64_t wdata, int64_t* rdata) {
    return SIM(h)->csr(write, addr, wdata, rdata);
}
int dir_csr_reads(int64_t h, const int64_t* addrs, int n, int64_t* rdata, int8_t* err) {
    return SIM(h)->csrReads(addrs, n, rdata, err);
}
int dir_status(int64_t h, int64_t* out, int n) { return SIM(h)->status(out, n); }
int dir_port_bytes(int64_t h, int64_t* out, int n) { return SIM(h)->portBytes(out, n); }
int dir_meters(int64_t h, int64_t* out, int n) { return SIM(h)->meters(out, n); }
int dir_last_error(int64_t h, char* buf, int cap) { return SIM(h)->lastError(buf, cap); }
int dir_waves(int64_t h, const char* path, int64_t from, int64_t to) { return SIM(h)->waves(path, from, to); }
int dir_partner(int64_t h, int port, int vl, int64_t rate) { return SIM(h)->partner(port, vl, rate); }
int dir_coverage(int64_t h, const char* path) { return SIM(h)->coverage(path); }

// A library built for training (ModelBuild's profile-guided build, -DDIR_PGO_TRAIN) writes its counters to the file
// it was built for; -1 for any other library (it has no dir_profile_write).
int dir_profile_write(int64_t lib) {
    typedef int (*Write)();
    Write w = (Write)dlsym((void*)(intptr_t)lib, "dir_profile_write");
    return w ? w() : -1;
}

int64_t unit_create(int64_t lib, const char* factory, char* err, int errcap) {
    typedef IUnit* (*Factory)(char*, int);
    Factory f = (Factory)dlsym((void*)(intptr_t)lib, factory);
    if (!f) {
        put_err(err, errcap, std::string("model library has no ") + factory);
        return 0;
    }
    return (int64_t)(intptr_t)f(err, errcap);
}
#define UNIT(h) ((IUnit*)(intptr_t)(h))
void unit_destroy(int64_t h) { delete UNIT(h); }
int unit_step(int64_t h, const uint64_t* in, int inWords, uint64_t* out, int outWords, int cycles) {
    return UNIT(h)->step(in, inWords, out, outWords, cycles);
}
int unit_reset(int64_t h) { return UNIT(h)->reset(); }
int unit_last_error(int64_t h, char* buf, int cap) { return UNIT(h)->lastError(buf, cap); }
}
