/* Whole files in memory for the CSV readers (dataset and expectations).
 *
 * Files are read, not mapped: a mapped file that another program truncates while it
 * is being read kills the process with SIGBUS, and one that changes between the
 * loader's two passes (count, then parse) could hold more records than the pools
 * were sized for. A read gives one snapshot of the bytes, and a file that shrinks or
 * grows while it is read is an error (issue 11 item 4). Large files are read into an
 * anonymous mapping, so the loader can hand back the pages it has parsed. */
/* MAP_ANONYMOUS is not POSIX. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif

/* Files from this size on go to an anonymous mapping (pageable); smaller ones to the
 * allocator, so the allocation-failure tests still reach them. */
#define ANON_MIN ((size_t)1 << 20)

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a FIFO (named pipe)";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

int fupin__file_stat(const char *path, const char *name, uint64_t *size)
{
    struct stat st, lst;
    if (lstat(path, &lst) != 0)
        return errno == ENOENT ? FUPIN_ENOTFOUND
                               : fupin__error(FUPIN_EIO, "%s: %s", name, strerror(errno));
    if (S_ISLNK(lst.st_mode) && stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ELOOP || errno == ENOTDIR)
            return fupin__error(FUPIN_EIO, "%s: a symbolic link to nothing (its target is missing)",
                                name);
        return fupin__error(FUPIN_EIO, "%s: %s", name, strerror(errno));
    }
    if (!S_ISLNK(lst.st_mode))
        st = lst;
    if (!S_ISREG(st.st_mode))
        return fupin__error(FUPIN_EIO, "%s: is %s, not a file: refused", name, kind_of(st.st_mode));
    if (size)
        *size = (uint64_t)st.st_size;
    return 0;
}

static void release(const char *data, size_t cap, int anon)
{
    if (anon)
        munmap((void *)data, cap);
    else
        fupin__free((void *)data);
}

int fupin__file_open(struct fupin__file *f, const char *path, const char *name)
{
    struct stat st;
    f->data = NULL;
    f->len = 0;
    f->cap = 0;
    f->mapped = 0;
    int rc = fupin__file_stat(path, name, NULL);
    if (rc)
        return rc;
    /* O_NONBLOCK: a FIFO swapped in after the check must not block the open. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return errno == ENOENT ? FUPIN_ENOTFOUND
                               : fupin__error(FUPIN_EIO, "%s: %s", name, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = fupin__error(FUPIN_EIO, "%s: is %s, not a file: refused", name,
                          fstat(fd, &st) != 0 ? "unreadable" : kind_of(st.st_mode));
        close(fd);
        return rc;
    }
    if ((uint64_t)st.st_size >= SIZE_MAX / 2) {
        close(fd);
        return fupin__error(FUPIN_EIO, "%s: too large to load", name);
    }
    size_t size = (size_t)st.st_size, got = 0, cap = size + 1;
    char *buf;
    int anon = size >= ANON_MIN;
    if (anon) {
        void *map = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        buf = map == MAP_FAILED ? NULL : map;
    } else {
        buf = fupin__malloc(cap);
    }
    if (!buf) {
        close(fd);
        return fupin__oom();
    }
    /* one byte more than the size, to see a file that grew */
    while (got < cap) {
        ssize_t r = read(fd, buf + got, cap - got);
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r < 0) {
            rc = fupin__error(FUPIN_EIO, "%s: %s", name, strerror(errno));
            break;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!rc && got < size)
        rc = fupin__error(FUPIN_EIO,
                          "%s: the file shrank while it was read (%zu of %zu bytes): load it again "
                          "when nothing is writing it",
                          name, got, size);
    else if (!rc && got > size)
        rc = fupin__error(FUPIN_EIO,
                          "%s: the file grew while it was read (beyond %zu bytes): load it again "
                          "when nothing is writing it",
                          name, size);
    if (rc) {
        release(buf, cap, anon);
        return rc;
    }
    f->data = buf;
    f->len = size;
    f->cap = cap;
    f->mapped = anon;
    return 0;
}

void fupin__file_close(struct fupin__file *f)
{
    if (f->data)
        release(f->data, f->cap, f->mapped);
    f->data = NULL;
    f->len = 0;
    f->cap = 0;
    f->mapped = 0;
}
