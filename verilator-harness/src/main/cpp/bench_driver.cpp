// The speed baseline: drives a built director model through the same bus-functional models as the Java
// testbench, from a stimulus file the testbench wrote, with no JVM in the loop.
//   bench_driver MODEL.so STIMULUS.bin CYCLES BATCH [NAME=VALUE ...]
// NAME=VALUE: the harness's run-time settings by name, passed on to dir_model_create as they are (the harness
// knows them from director.harness.HarnessSetting and refuses an unknown one, naming it).
// Stimulus: "DIRSTIM1", int64 ncsr, ncsr x {int64 addr, int64 data} register writes made first (routes),
// int64 count, then per frame int64 port, len, earliest, id and `len` bytes.
// Prints one line: cycles=<n> seconds=<s> cycles_per_second=<r> egress_frames=<k>
#include "sim_api.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s MODEL.so STIMULUS.bin CYCLES BATCH [NAME=VALUE ...]\n", argv[0]);
        return 2;
    }
    void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) { std::fprintf(stderr, "bench_driver: cannot load %s: %s\n", argv[1], dlerror()); return 2; }
    typedef ISim* (*Factory)(const char*, char*, int);
    Factory create = (Factory)dlsym(lib, "dir_model_create");
    if (!create) { std::fprintf(stderr, "bench_driver: %s has no dir_model_create\n", argv[1]); return 2; }
    FILE* f = std::fopen(argv[2], "rb");
    if (!f) { std::fprintf(stderr, "bench_driver: cannot open stimulus %s\n", argv[2]); return 2; }
    char magic[8];
    int64_t count = 0, ncsr = 0;
    if (std::fread(magic, 1, 8, f) != 8 || std::memcmp(magic, "DIRSTIM1", 8) != 0 || std::fread(&ncsr, 8, 1, f) != 1 ||
        ncsr < 0 || ncsr > (1 << 20)) {
        std::fprintf(stderr, "bench_driver: %s is not a DIRSTIM1 stimulus file\n", argv[2]);
        return 2;
    }
    std::vector<int64_t> csrs((size_t)ncsr * 2);
    if ((ncsr > 0 && std::fread(csrs.data(), 16, (size_t)ncsr, f) != (size_t)ncsr) || std::fread(&count, 8, 1, f) != 1) {
        std::fprintf(stderr, "bench_driver: %s: truncated register section\n", argv[2]);
        return 2;
    }
    std::vector<int64_t> meta((size_t)count * 4);
    std::vector<uint8_t> bytes;
    for (int64_t i = 0; i < count; i++) {
        if (std::fread(&meta[(size_t)i * 4], 8, 4, f) != 4) { std::fprintf(stderr, "bench_driver: %s: truncated at frame %lld\n", argv[2], (long long)i); return 2; }
        size_t len = (size_t)meta[(size_t)i * 4 + 1], at = bytes.size();
        bytes.resize(at + len);
        if (std::fread(&bytes[at], 1, len, f) != len) { std::fprintf(stderr, "bench_driver: %s: truncated in frame %lld\n", argv[2], (long long)i); return 2; }
    }
    std::fclose(f);
    int64_t cycles = std::atoll(argv[3]), batch = std::atoll(argv[4]);
    std::string settings;
    for (int i = 5; i < argc; i++) settings += std::string(argv[i]) + "\n";
    char err[1024] = {0};
    ISim* sim = create(settings.c_str(), err, sizeof err);
    if (!sim) { std::fprintf(stderr, "bench_driver: %s\n", err); return 2; }
    for (int64_t i = 0; i < ncsr; i++) {
        if (sim->csr(1, csrs[(size_t)i * 2], csrs[(size_t)i * 2 + 1], nullptr) != 0) {
            sim->lastError(err, sizeof err);
            std::fprintf(stderr, "bench_driver: register write %lld (addr 0x%llx) failed %s\n", (long long)i,
                         (unsigned long long)csrs[(size_t)i * 2], err);
            return 1;
        }
    }
    // frame cycles count from the end of set-up, as in the Java run loop
    int64_t st[ST_COUNT];
    sim->status(st, ST_COUNT);
    for (int64_t i = 0; i < count; i++) meta[(size_t)i * 4 + 2] += st[ST_CYCLE];
    std::vector<uint8_t> egBuf(64 << 20);
    std::vector<int64_t> egMeta(4 * 65536), inMeta(5 * 65536);
    int64_t egFrames = 0, next = 0, boff = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int64_t c = 0; c < cycles; c += batch) {
        int64_t n = std::min(batch, cycles - c);
        // hand in the frames due before the end of this batch, as the Java run loop does
        int64_t first = next, off0 = boff;
        while (next < count && meta[(size_t)next * 4 + 2] - st[ST_CYCLE] < c + n) { boff += meta[(size_t)next * 4 + 1]; next++; }
        if (next > first && sim->push(&bytes[(size_t)off0], &meta[(size_t)first * 4], (int)(next - first)) != 0) break;
        if (sim->run(n) != 0) break;
        int k;
        while ((k = sim->popEgress(egBuf.data(), (int64_t)egBuf.size(), egMeta.data(), 65536)) > 0) egFrames += k;
        while (sim->popIngress(inMeta.data(), 65536) > 0) {}
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sim->lastError(err, sizeof err);
    if (err[0]) { std::fprintf(stderr, "bench_driver: %s\n", err); return 1; }
    std::printf("cycles=%lld seconds=%.6f cycles_per_second=%.1f egress_frames=%lld\n", (long long)cycles, secs,
                cycles / secs, (long long)egFrames);
    delete sim;
    return 0;
}
