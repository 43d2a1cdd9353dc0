// The file system's share of a docclean run, with no cleaning at all: a floor under its time.
//
//   fsfloor write RAW OUT   reads every file under RAW and writes, for each, two new files
//                           under OUT (NAME.txt and NAME.prov.json, both the raw bytes), as
//                           `docclean run` writes a clean text and its provenance
//   fsfloor read DIR...     reads every file under each DIR, as `docclean check --raw` reads
//                           the clean texts, their provenance and the raw files
//
// It prints "files bytes seconds" on one line. Plain open, read, write and close, with no
// atomic rename and no hashing: whatever docclean does on top of this costs more.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char buffer[1 << 20];
static long files = 0;
static long long bytes = 0;

static void fail(const char *what, const char *path) {
  fprintf(stderr, "fsfloor: %s: %s (%s)\n", what, path, strerror(errno));
  exit(1);
}

// Reads the whole file at `path` into `buffer`, returning its size (files over 1 MiB are cut).
static ssize_t slurp(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) fail("cannot read", path);
  ssize_t total = 0, got;
  while (total < (ssize_t)sizeof buffer && (got = read(fd, buffer + total, sizeof buffer - total)) > 0) {
    total += got;
  }
  close(fd);
  files++;
  bytes += total;
  return total;
}

static void put(const char *path, ssize_t size) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0 || write(fd, buffer, size) != size) fail("cannot write", path);
  close(fd);
}

// Walks `dir`; with `out` set, mirrors each file there as two files, otherwise only reads it.
static void walk(const char *dir, const char *out) {
  DIR *listing = opendir(dir);
  if (!listing) fail("cannot list", dir);
  if (out && mkdir(out, 0755) != 0 && errno != EEXIST) fail("cannot make", out);
  struct dirent *entry;
  char path[4096], target[4096];
  while ((entry = readdir(listing))) {
    if (entry->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
    if (out) snprintf(target, sizeof target, "%s/%s", out, entry->d_name);
    if (entry->d_type == DT_DIR) {
      walk(path, out ? target : NULL);
      continue;
    }
    ssize_t size = slurp(path);
    if (!out) continue;
    char *dot = strrchr(target, '.');
    if (dot && dot > strrchr(target, '/')) *dot = 0;
    size_t stem = strlen(target);
    snprintf(target + stem, sizeof target - stem, ".txt");
    put(target, size);
    snprintf(target + stem, sizeof target - stem, ".prov.json");
    put(target, size);
  }
  closedir(listing);
}

int main(int argc, char **argv) {
  if (argc < 3 || (strcmp(argv[1], "write") == 0 && argc != 4)) {
    fprintf(stderr, "usage: fsfloor write RAW OUT | fsfloor read DIR...\n");
    return 2;
  }
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  if (strcmp(argv[1], "write") == 0) {
    walk(argv[2], argv[3]);
  } else {
    for (int index = 2; index < argc; index++) walk(argv[index], NULL);
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
  printf("%ld %lld %.3f\n", files, bytes, seconds);
  return 0;
}
