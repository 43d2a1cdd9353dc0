#ifndef DOCCLEAN_CICU_H
#define DOCCLEAN_CICU_H

// A narrow C interface over the system's libicu.
//
// ICU's own headers rename every function by version through macros, which Swift cannot call,
// so Swift sees only these functions. The header uses nothing but <stdint.h> types.

#include <stdint.h>

/// Answers whether UTF-8 text is certainly in NFC.
///
/// Returns 1 when the text is in NFC, 0 when it may not be (normalize it to find out), and -1
/// when ICU could not check it (invalid UTF-8 or no memory).
int32_t dc_nfc_is_normalized(const uint8_t *utf8, int32_t length);

/// Normalizes UTF-8 text to NFC.
///
/// Writes at most `capacity` bytes to `out` and returns the length of the full result, which may
/// be larger than `capacity` (call again with a larger buffer), or -1 when ICU failed.
int32_t dc_nfc_normalize(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity);

/// Returns the version of the ICU library in use as major * 100 + minor.
int32_t dc_icu_version(void);

#endif
