#include "chunspell.h"

#include <hunspell/hunspell.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// Words longer than this are no words a line-end hyphen splits.
#define MAX_WORD 256
#define MAX_SPELLERS 64

typedef struct {
  Hunhandle *hunspell;
  // From UTF-8 to the dictionary's encoding, or (iconv_t)-1 when that is UTF-8.
  iconv_t to_dictionary;
  pthread_mutex_t lock;
} speller;

static speller spellers[MAX_SPELLERS];
static int32_t speller_count = 0;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

int32_t dc_speller_open(const uint8_t *aff_path, const uint8_t *dic_path) {
  Hunhandle *hunspell = Hunspell_create((const char *)aff_path, (const char *)dic_path);
  if (hunspell == NULL) return -1;
  const char *encoding = Hunspell_get_dic_encoding(hunspell);
  iconv_t converter = (iconv_t)-1;
  if (encoding != NULL && strcasecmp(encoding, "UTF-8") != 0) {
    converter = iconv_open(encoding, "UTF-8");
    if (converter == (iconv_t)-1) {
      Hunspell_destroy(hunspell);
      return -1;
    }
  }
  pthread_mutex_lock(&table_lock);
  int32_t handle = speller_count < MAX_SPELLERS ? speller_count++ : -1;
  if (handle >= 0) {
    spellers[handle].hunspell = hunspell;
    spellers[handle].to_dictionary = converter;
    pthread_mutex_init(&spellers[handle].lock, NULL);
  }
  pthread_mutex_unlock(&table_lock);
  if (handle < 0) {
    if (converter != (iconv_t)-1) iconv_close(converter);
    Hunspell_destroy(hunspell);
  }
  return handle;
}

int32_t dc_speller_spell(int32_t handle, const uint8_t *utf8, int32_t length) {
  pthread_mutex_lock(&table_lock);
  int valid = handle >= 0 && handle < speller_count;
  pthread_mutex_unlock(&table_lock);
  if (!valid) return -1;
  if (length <= 0 || length >= MAX_WORD) return 0;
  speller *entry = &spellers[handle];
  char word[MAX_WORD * 4 + 1];
  pthread_mutex_lock(&entry->lock);
  int32_t result = 0;
  if (entry->to_dictionary == (iconv_t)-1) {
    memcpy(word, utf8, (size_t)length);
    word[length] = '\0';
    result = Hunspell_spell(entry->hunspell, word) ? 1 : 0;
  } else {
    char *in = (char *)utf8;
    size_t in_left = (size_t)length;
    char *out = word;
    size_t out_left = sizeof(word) - 1;
    iconv(entry->to_dictionary, NULL, NULL, NULL, NULL);
    if (iconv(entry->to_dictionary, &in, &in_left, &out, &out_left) != (size_t)-1 && in_left == 0) {
      *out = '\0';
      result = Hunspell_spell(entry->hunspell, word) ? 1 : 0;
    }
  }
  pthread_mutex_unlock(&entry->lock);
  return result;
}
