/* enospc.c - an LD_PRELOAD shim for the disk-full test when a tiny tmpfs
 * cannot be mounted: write() to any regular file fails with ENOSPC, as it
 * does on a full disk. Terminals, pipes and /dev/null still work, so
 * exlint can say what went wrong. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n) {
  static ssize_t (*real)(int, const void *, size_t);
  if (!real)
    real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  struct stat st;
  if (n > 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, buf, n);
}
