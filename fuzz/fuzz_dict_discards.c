/* fuzz_dict_discards.c: libFuzzer target for the discard loader (discards.c); the body
 * is in fuzz_dict_common.h. */
#include "fuzz_dict_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_dict_parse(data, size, evc_dict_parse_discards);
}
