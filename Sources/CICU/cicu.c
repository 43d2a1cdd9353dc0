#include "cicu.h"

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

int32_t dc_nfc_is_normalized(const uint8_t *utf8, int32_t length) {
  // Every code point below U+0300 passes NFC's quick check and never composes with what
  // precedes it; such code points have lead bytes below 0xCC.
  int32_t index = 0;
  while (index < length && utf8[index] < 0xCC) {
    index++;
  }
  if (index == length) {
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
