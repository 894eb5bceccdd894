// Field access on Verilator port signals of any width: integral (CData..QData) or VlWide word arrays.
// Lane i of a packed vector occupies bits [i*w + w-1 : i*w].
#pragma once
#include "verilated.h"
#include <cstdint>

template <class T>
inline void putField(T& sig, int lsb, int width, uint64_t v) {
    uint64_t mask = (width >= 64 ? ~0ULL : ((1ULL << width) - 1)) << lsb;
    sig = (T)(((uint64_t)sig & ~mask) | ((v << lsb) & mask));
}
template <std::size_t W>
inline void putField(VlWide<W>& sig, int lsb, int width, uint64_t v) {
    for (int done = 0; done < width;) {
        int bit = lsb + done, word = bit >> 5, off = bit & 31;
        int n = std::min(32 - off, width - done);
        uint32_t m = (n == 32 ? 0xFFFFFFFFu : ((1u << n) - 1)) << off;
        uint32_t part = (uint32_t)(v >> done) << off;
        sig.m_storage[word] = (sig.m_storage[word] & ~m) | (part & m);
        done += n;
    }
}
template <class T>
inline uint64_t getField(const T& sig, int lsb, int width) {
    uint64_t v = (uint64_t)sig >> lsb;
    return width >= 64 ? v : (v & ((1ULL << width) - 1));
}
template <std::size_t W>
inline uint64_t getField(const VlWide<W>& sig, int lsb, int width) {
    uint64_t v = 0;
    for (int done = 0; done < width;) {
        int bit = lsb + done, word = bit >> 5, off = bit & 31;
        int n = std::min(32 - off, width - done);
        uint64_t part = (sig.m_storage[word] >> off) & (n == 32 ? 0xFFFFFFFFu : ((1u << n) - 1));
        v |= part << done;
        done += n;
    }
    return v;
}

// A beat of `beatBytes` bytes, byte 0 (first on the wire) in the most significant byte of the signal:
// a 64-bit QData for 8-byte beats, a VlWide word array for wider ones.
inline void putBeat(QData& sig, int beatBytes, const uint8_t* b) {
    uint64_t v = 0;
    for (int k = 0; k < beatBytes; k++) v = (v << 8) | b[k];
    sig = v;
}
inline void getBeat(const QData& sig, int beatBytes, uint8_t* b) {
    for (int k = 0; k < beatBytes; k++) b[k] = (uint8_t)(sig >> (8 * (beatBytes - 1 - k)));
}
template <std::size_t W>
inline void putBeat(VlWide<W>& sig, int beatBytes, const uint8_t* b) {
    int words = beatBytes / 4;
    for (int k = 0; k < words; k++) {
        const uint8_t* q = b + (words - 1 - k) * 4;
        sig.m_storage[k] = ((uint32_t)q[0] << 24) | ((uint32_t)q[1] << 16) | ((uint32_t)q[2] << 8) | q[3];
    }
}
template <std::size_t W>
inline void getBeat(const VlWide<W>& sig, int beatBytes, uint8_t* b) {
    int words = beatBytes / 4;
    for (int k = 0; k < words; k++) {
        uint32_t w = sig.m_storage[k];
        uint8_t* q = b + (words - 1 - k) * 4;
        q[0] = (uint8_t)(w >> 24); q[1] = (uint8_t)(w >> 16); q[2] = (uint8_t)(w >> 8); q[3] = (uint8_t)w;
    }
}
