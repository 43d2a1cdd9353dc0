#ifndef DOCCLEAN_CHUNSPELL_H
#define DOCCLEAN_CHUNSPELL_H

// A narrow C interface over the system's libhunspell, for asking whether a word is a word.
//
// Dictionaries are numbered handles, so that Swift sees no Hunspell type. Each handle has a
// lock of its own: Hunspell is not safe to call from two threads at once. The header uses
// nothing but <stdint.h> types.

#include <stdint.h>

/// Loads the dictionary whose `.aff` and `.dic` files are at these NUL-terminated UTF-8 paths.
///
/// Returns a handle (0 or more), or -1 when the files cannot be read or too many are loaded.
int32_t dc_speller_open(const uint8_t *aff_path, const uint8_t *dic_path);

/// Answers whether `length` bytes of UTF-8 are a word of the dictionary: 1 when they are, 0
/// when they are not or cannot be written in the dictionary's encoding, -1 for a bad handle.
int32_t dc_speller_spell(int32_t handle, const uint8_t *utf8, int32_t length);

#endif
