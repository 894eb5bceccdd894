# The model's precompiled header (ModelBuild.pchHeader). make reads this file after the model's own makefile
# (ModelBuild passes -f ../cpp/director_pch.mk), so every object waits for the header. Every C++ file of the model is
# compiled with -include <cpp>/director_pch.h; with director_pch.h.gch beside it g++ loads the parsed header instead
# of parsing verilated.h and the model's root header (4.8 MB at 39 ports) again for each of its ~110 files: that
# parsing was 2.6 s of the 2.7-3.6 s each file took (docs/design.md, "Issue 12, fourth session"). A header g++
# cannot use (other flags) is read as text: slower, never wrong.
DIR_PCH := $(abspath ../cpp/director_pch.h)

$(DIR_PCH).gch: $(DIR_PCH) $(VM_PREFIX)___024root.h
	$(CXX) $(CXXFLAGS) $(filter-out -include $(DIR_PCH),$(CPPFLAGS)) $(OPT_FAST) -x c++-header -o $@ $<

$(VK_OBJS) $(VK_USER_OBJS): $(DIR_PCH).gch

# The code run once (Verilator's __Slow files: constructors, initial blocks, the settle at time 0, trace set-up: 45% of
# the C++ at 39 ports) at $(OPT_SLOW), which may differ from $(OPT_FAST): clang refuses a precompiled header whose
# __OPTIMIZE__ differs from the file's, so those files get a header of their own, compiled at $(OPT_SLOW) beside the
# first (in parallel with it). vp780 untrained, compile only: 60 s -> 43 s (docs/design.md, "Issue 12, ninth session").
ifneq ($(OPT_SLOW),$(OPT_FAST))
DIR_PCH_SLOW := $(abspath ../cpp/director_pch_slow.h)

$(DIR_PCH_SLOW): $(DIR_PCH)
	cp $< $@

$(DIR_PCH_SLOW).gch: $(DIR_PCH_SLOW) $(VM_PREFIX)___024root.h
	$(CXX) $(CXXFLAGS) $(filter-out -include $(DIR_PCH) $(DIR_PCH_SLOW),$(CPPFLAGS)) $(OPT_SLOW) -x c++-header -o $@ $<

$(VK_SLOW_OBJS): $(DIR_PCH_SLOW).gch
$(VK_SLOW_OBJS): CPPFLAGS := $(patsubst $(DIR_PCH),$(DIR_PCH_SLOW),$(CPPFLAGS))
endif

# ...and not through ccache: the precompiled header's bytes differ from build to build (two compiles of one header in
# one folder differ: g++ writes addresses into it) and ccache hashes it with each file, so those files never hit; it
# only spent time hashing 85 MB a file.
$(VK_OBJS) $(VK_USER_OBJS): override OBJCACHE :=

# Verilator's own runtime (verilated.cpp, verilated_threads.cpp: the same in every model) keeps only the harness
# prelude: g++ 12 crashed (internal compiler error) compiling it with the precompiled header. It is what ccache
# caches now (OBJCACHE=ccache, ModelBuild).
$(VK_GLOBAL_OBJS): CPPFLAGS := $(patsubst $(DIR_PCH),$(dir $(DIR_PCH))harness_prelude.h,$(CPPFLAGS))

# Profile-guided builds (ModelBuild.Training): DIR_PGO_GEN=<file> compiles the library that counts what a training run
# executes (clang -fprofile-instr-generate, at -O0: the counts are the source's, not the optimiser's, and -O0 compiles
# in a third of the time); DIR_PGO_USE=<file.profdata> compiles the model with those counts (hot code together, cold
# branches out of the way; -hot-cold-split moves the blocks that never ran out of their functions altogether: the
# single-threaded vp780 build fetched 4% fewer instruction-cache lines and ran 3.7% fewer instructions a cycle,
# scripts/model-icache --trained). Functions the training never ran or that changed have no counts: no warning for them.
ifneq ($(DIR_PGO_GEN),)
CXXFLAGS += -fprofile-instr-generate=$(DIR_PGO_GEN) -DDIR_PGO_TRAIN
LDFLAGS += -fprofile-instr-generate=$(DIR_PGO_GEN)
endif
ifneq ($(DIR_PGO_USE),)
CXXFLAGS += -fprofile-instr-use=$(DIR_PGO_USE) -Wno-profile-instr-unprofiled -Wno-profile-instr-out-of-date -mllvm -hot-cold-split=true
endif
