// The C++ interface between the stable C ABI (dispatch.cpp, loaded by Java through JNA) and a built model
// library (one per RTL + parameters + flags). A model library exports one factory per kind of top:
//   extern "C" ISim*  dir_model_create(const char* settings, char* err, int errcap);              (DirectorTop)
// `settings`: lines "name=value", the harness's run-time settings by name (the names, defaults and choices are
// generated into director_settings.h from director.harness.HarnessSetting); an unknown name, a value that is not
// a number (or not one of the setting's choices) or a required setting left out fails the call, naming it.
//   extern "C" IUnit* islip_unit_create(char* err, int errcap);                                   (IslipUnit)
//   extern "C" IUnit* vlarb_unit_create / shaper_unit_create / policer_unit_create / egress_port_unit_create (same shape)
//                                  (VlArbUnit, TokenShaperUnit, TwoRatePolicerUnit, EgressPortUnit)
//   extern "C" IUnit* input_buffer_unit_create (same shape)                                     (InputBufferUnit)
//   extern "C" IUnit* crossbar_unit_create (same shape)                                         (CrossbarUnit)
#pragma once
#include <cstdint>

// Status words returned by status(), by index.
enum SimStatus {
    ST_CYCLE = 0,
    ST_PENDING_FRAMES = 1,  // frames handed in and not yet fully accepted by the RTL
    ST_IDLE = 2,            // the RTL reports no packet inside
    ST_EGRESS_PARTIAL = 3,  // egress frames begun and not yet ended
    ST_FAULTED = 4,
    ST_PORTS = 5,
    ST_BEAT_BYTES = 6,
    ST_COUNT = 7
};

// Per-port meters returned by meters(), METER_COUNT words per port (port p at p*METER_COUNT), counted from reset.
// An egress link is idle in a cycle when it could take a beat (ready) and the switch offers none. Work
// conservation (docs/work-conservation.md): of those idle cycles, the ones with work for the port (a whole packet
// for it in some input, on a VL with credit for any packet at its partner, or one ready in its egress), split by
// what explains them.
enum SimMeter {
    M_IN_WIRE = 0,          // wire bytes taken at the ingress (beats, plus per-frame overhead at a module port)
    M_OUT_WIRE = 1,         // wire bytes sent at the egress (beats, plus per-frame overhead at a module port)
    M_IDLE = 2,             // cycles the egress link was idle
    M_IDLE_WORK = 3,        // ... of them with work for it (the sum of the next three)
    M_IDLE_TRANSIT = 4,     // ... a packet on its way to it (matched, crossing, in the egress or decapsulation)
    M_IDLE_INPUTS_BUSY = 5, // ... every input holding its work is sending a packet elsewhere
    M_IDLE_UNEXPLAINED = 6, // ... a free input held its work and the scheduler did not match them
    M_TRANSIT_MAX_RUN = 7,  // the longest run of consecutive idle-in-transit cycles
    M_IN_FRAMES = 8,        // frames taken at the ingress
    M_OUT_FRAMES = 9,       // frames sent at the egress
    METER_COUNT = 10
};

class ISim {
public:
    virtual ~ISim() {}
    // Frames to inject: meta per frame = {port, length, earliest cycle, id}. Returns 0, or -1 with lastError.
    virtual int push(const uint8_t* bytes, const int64_t* meta, int nframes) = 0;
    // Run n cycles (fewer on a fault). Returns 0, or -1 with lastError set.
    virtual int run(int64_t cycles) = 0;
    // Completed egress frames: meta = {port, length, first beat cycle, last beat cycle}; bytes packed in order.
    virtual int popEgress(uint8_t* buf, int64_t bufcap, int64_t* meta, int maxframes) = 0;
    // Completed ingress frames: meta = {port, id, first beat accepted cycle, last beat accepted cycle, length}.
    virtual int popIngress(int64_t* meta, int maxframes) = 0;
    // One CSR access, the clock running meanwhile. Returns 0 ok, 1 error response, -1 fault.
    virtual int csr(int write, int64_t addr, int64_t wdata, int64_t* rdata) = 0;
    virtual int status(int64_t* out, int n) = 0;
    // Reset: the RTL is held in reset for a few cycles (tables clear themselves), every frame not yet taken and
    // every result not yet popped is discarded, the cycle count and byte counters restart at 0, a fault is
    // cleared. Returns 0, or -1 with lastError.
    virtual int reset() = 0;
    // Bytes moved so far, beat by beat: out[2p] taken at ingress port p, out[2p+1] delivered at egress port p.
    virtual int portBytes(int64_t* out, int n) = 0;
    // Per-port meters (SimMeter): out[p*METER_COUNT + k]. Returns METER_COUNT * ports.
    virtual int meters(int64_t* out, int n) = 0;
    virtual int lastError(char* buf, int cap) = 0;
    // Trace cycles [from, to] into an FST file; -1 when this build has no tracing.
    virtual int waves(const char* path, int64_t from, int64_t to) = 0;
    // The egress link partner of `port` consumes VL `vl` at `rate` blocks per 1000 cycles: -1 immediately (the
    // default), 0 stopped (no credits come back). Returns 0, or -1 with lastError.
    virtual int partner(int port, int vl, int64_t rate) = 0;
    // Write the functional coverage counted so far (the RTL's cover points, Verilator's coverage database format,
    // read by verilator_coverage) to `path`; -1 when this build has no coverage.
    virtual int coverage(const char* path) = 0;
    // n CSR reads in one burst, a request a cycle (n + 1 cycles): rdata[i] the value at addrs[i], err[i] 1 where the
    // CSR block answered with an error. Returns 0, or -1 on a fault (lastError).
    virtual int csrReads(const int64_t* addrs, int n, int64_t* rdata, int8_t* err) = 0;
};

class IUnit {
public:
    virtual ~IUnit() {}
    // in: `inWords` 64-bit words per cycle; out: `outWords` per cycle. Returns 0 or -1 with lastError.
    virtual int step(const uint64_t* in, int inWords, uint64_t* out, int outWords, int cycles) = 0;
    virtual int reset() = 0;
    virtual int lastError(char* buf, int cap) = 0;
};
