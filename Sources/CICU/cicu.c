#include "cicu.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

// Converts UTF-8 to a freshly allocated UTF-16 buffer; the caller frees it.
static UChar *to_utf16(const uint8_t *utf8, int32_t length, int32_t *out_length) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t needed = 0;
  u_strFromUTF8(NULL, 0, &needed, (const char *)utf8, length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    return NULL;
  }
  UChar *buffer = malloc(sizeof(UChar) * (size_t)(needed + 1));
  if (buffer == NULL) {
    return NULL;
  }
  status = U_ZERO_ERROR;
  u_strFromUTF8(buffer, needed + 1, out_length, (const char *)utf8, length, &status);
  if (U_FAILURE(status)) {
    free(buffer);
    return NULL;
  }
  return buffer;
}

// The NFC normalizer and the text as UTF-16, or NULL when ICU fails; the caller frees the text.
static UChar *nfc_input(const uint8_t *utf8, int32_t length, const UNormalizer2 **nfc,
                        int32_t *wide_length) {
  UErrorCode status = U_ZERO_ERROR;
  *nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) {
    return NULL;
  }
  return to_utf16(utf8, length, wide_length);
}

// One bit per code point of the Basic Multilingual Plane that passes NFC's quick check with
// "yes" and has combining class 0: text made only of such code points is in NFC, since none
// of them decomposes, reorders or composes with what precedes it. The bits of a block of 256
// code points are read from ICU the first time the block is asked about; several threads may
// read a block at once, and they write the same bits.
static _Atomic uint64_t simple_bits[65536 / 64];
static _Atomic uint8_t block_read[256];

static int is_simple(int32_t code_point) {
  int32_t block = code_point >> 8;
  if (!atomic_load_explicit(&block_read[block], memory_order_acquire)) {
    for (int32_t offset = 0; offset < 256; offset++) {
      UChar32 c = (block << 8) | offset;
      if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(c) == 0) {
        atomic_fetch_or_explicit(&simple_bits[c >> 6], (uint64_t)1 << (c & 63), memory_order_relaxed);
      }
    }
    atomic_store_explicit(&block_read[block], 1, memory_order_release);
  }
  return (int)((atomic_load_explicit(&simple_bits[code_point >> 6], memory_order_relaxed) >> (code_point & 63)) & 1);
}

// Whether the UTF-8 text is made only of simple code points; 0 also for anything it does not
// decode (four-byte sequences, malformed bytes), which ICU then judges.
static int is_simple_text(const uint8_t *utf8, int32_t length) {
  int32_t index = 0;
  while (index < length) {
    uint8_t lead = utf8[index];
    int32_t code_point;
    if (lead < 0x80) {
      index++;
      continue;
    } else if (lead >= 0xC2 && lead < 0xE0 && index + 1 < length && (utf8[index + 1] & 0xC0) == 0x80) {
      code_point = ((lead & 0x1F) << 6) | (utf8[index + 1] & 0x3F);
      index += 2;
    } else if (lead >= 0xE0 && lead < 0xF0 && index + 2 < length && (utf8[index + 1] & 0xC0) == 0x80 &&
               (utf8[index + 2] & 0xC0) == 0x80) {
      code_point = ((lead & 0x0F) << 12) | ((utf8[index + 1] & 0x3F) << 6) | (utf8[index + 2] & 0x3F);
      // Overlong forms and surrogates are not text; ICU reports them.
      if (code_point < 0x800 || (code_point >= 0xD800 && code_point < 0xE000)) {
        return 0;
      }
      index += 3;
    } else {
      return 0;
    }
    if (!is_simple(code_point)) {
      return 0;
    }
  }
  return 1;
}

int32_t dc_nfc_is_normalized(const uint8_t *utf8, int32_t length) {
  // Every code point below U+0300 passes NFC's quick check and never composes with what
  // precedes it; such code points have lead bytes below 0xCC.
  int32_t index = 0;
  while (index < length && utf8[index] < 0xCC) {
    index++;
  }
  if (index == length || is_simple_text(utf8 + index, length - index)) {
    return 1;
  }
  const UNormalizer2 *nfc = NULL;
  int32_t wide_length = 0;
  UChar *wide = nfc_input(utf8, length, &nfc, &wide_length);
  if (wide == NULL) {
    return -1;
  }
  UErrorCode status = U_ZERO_ERROR;
  UNormalizationCheckResult result = unorm2_quickCheck(nfc, wide, wide_length, &status);
  free(wide);
  if (U_FAILURE(status)) {
    return -1;
  }
  return result == UNORM_YES ? 1 : 0;
}

int32_t dc_nfc_normalize(const uint8_t *utf8, int32_t length, uint8_t *out, int32_t capacity) {
  const UNormalizer2 *nfc = NULL;
  int32_t wide_length = 0;
  UChar *wide = nfc_input(utf8, length, &nfc, &wide_length);
  if (wide == NULL) {
    return -1;
  }
  UErrorCode status = U_ZERO_ERROR;
  int32_t normalized_capacity = wide_length * 3 + 16;
  UChar *normalized = malloc(sizeof(UChar) * (size_t)normalized_capacity);
  if (normalized == NULL) {
    free(wide);
    return -1;
  }
  int32_t normalized_length =
      unorm2_normalize(nfc, wide, wide_length, normalized, normalized_capacity, &status);
  free(wide);
  if (U_FAILURE(status)) {
    free(normalized);
    return -1;
  }
  int32_t result_length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8((char *)out, capacity, &result_length, normalized, normalized_length, &status);
  free(normalized);
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) {
    return result_length;
  }
  if (U_FAILURE(status)) {
    return -1;
  }
  return result_length;
}

int32_t dc_icu_version(void) {
  UVersionInfo version;
  u_getVersion(version);
  return version[0] * 100 + version[1];
}
