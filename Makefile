# evcode: build, test, sanitize, fuzz, bench.
#   make            library, CLI (./evcode)
#   make check      unit tests, CLI golden tests, validation floor
#   make asan       the same tests under AddressSanitizer + UBSan
#   make fuzz       each libFuzzer target briefly (FUZZ_SECONDS, default 20)
#   make bench      throughput benchmarks (prints machine and compiler)

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
WERROR  ?= $(if $(CI),-Werror,)
CFLAGS  ?= $(OPT)
CFLAGS  += -std=c11 -Wall -Wextra -Wpedantic $(WERROR) -D_POSIX_C_SOURCE=200809L \
           -D_DEFAULT_SOURCE -Iinclude -Isrc -pthread
LDLIBS  += -lexpat -ljansson -lutf8proc -lm -pthread

SRC     := $(sort $(wildcard src/*/*.c))
OBJ     := $(SRC:%.c=$(BUILD)/%.o)
LIB     := $(BUILD)/libevcode.a
BIN     := $(BUILD)/evcode
TESTSRC := $(sort $(wildcard tests/unit/test_*.c))
TESTS   := $(TESTSRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCHSRC:= $(sort $(wildcard bench/*.c))
BENCHES := $(BENCHSRC:bench/%.c=$(BUILD)/bench/%)
FUZZSRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 20

.PHONY: all check unit cli asan fuzz bench clean

all: evcode

evcode: $(BIN)
	cp $(BIN) evcode

$(BUILD)/%.o: %.c include/evcode.h $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIB): $(OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BIN): cli/evcode.c $(LIB)
	$(CC) $(CFLAGS) $< $(LIB) $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testing.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $< $(LIB) $(LDLIBS) -o $@

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< $(LIB) $(LDLIBS) -o $@

check: unit cli

unit: $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t; done

cli: $(BIN)
	@EVCODE=$(BIN) bash tests/run_cli.sh

asan:
	$(MAKE) BUILD=build-asan CC=clang \
	  OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  LDFLAGS="-fsanitize=address,undefined" \
	  LDLIBS="-lexpat -ljansson -lutf8proc -lm -pthread -fsanitize=address,undefined" \
	  unit cli

fuzz:
	@EVC_FUZZ_SECONDS=$(FUZZ_SECONDS) bash fuzz/run.sh

bench: $(BIN) $(BENCHES)
	@EVCODE=$(BIN) BENCH_DIR=$(BUILD)/bench bash bench/run.sh

clean:
	rm -rf build build-asan build-fuzz evcode
