/* Files for the CSV readers: whole in memory (expectations, and dataset files in
 * another encoding than UTF-8), or read in pieces (dataset files, below).
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

/* Open a regular file (or a link to one) for reading: 0 with *fd and *st, or what
 * fupin__file_open returns. */
static int open_regular(const char *path, const char *name, int *fd_out, struct stat *st)
{
    int rc = fupin__file_stat(path, name, NULL);
    if (rc)
        return rc;
    /* O_NONBLOCK: a FIFO swapped in after the check must not block the open. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return errno == ENOENT ? FUPIN_ENOTFOUND
                               : fupin__error(FUPIN_EIO, "%s: %s", name, strerror(errno));
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        rc = fupin__error(FUPIN_EIO, "%s: is %s, not a file: refused", name,
                          fstat(fd, st) != 0 ? "unreadable" : kind_of(st->st_mode));
        close(fd);
        return rc;
    }
    if ((uint64_t)st->st_size >= SIZE_MAX / 2) {
        close(fd);
        return fupin__error(FUPIN_EIO, "%s: too large to load", name);
    }
    *fd_out = fd;
    return 0;
}

int fupin__file_open(struct fupin__file *f, const char *path, const char *name)
{
    struct stat st;
    int fd = -1, rc;
    f->data = NULL;
    f->len = 0;
    f->cap = 0;
    f->mapped = 0;
    if ((rc = open_regular(path, name, &fd, &st)) != 0)
        return rc;
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

/* ------------------------------------------------------------ streams
 *
 * The loader reads a dataset file twice, in pieces: once to count its lines (pool
 * sizes) and check its text, once to parse it. Whole-file reads put every byte into
 * fresh memory first; on a 428 MB dataset that was a third of the load's page faults
 * (issue 15). Both passes go through one descriptor, so a file renamed over the path
 * meanwhile is not mixed in; a write in place moves the file's size, mtime or ctime,
 * and fupin__stream_check then refuses the load as fupin__file_open refuses a file
 * that shrank or grew. The loader never takes more records than the count allowed,
 * whatever happens to the file. */

static void stat_times(struct fupin__stream *s, const struct stat *st)
{
    s->mtime_s = (int64_t)st->st_mtim.tv_sec;
    s->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
    s->ctime_s = (int64_t)st->st_ctim.tv_sec;
    s->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
}

int fupin__stream_open(struct fupin__stream *s, const char *path, const char *name)
{
    struct stat st;
    int fd = -1;
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->name = name;
    int rc = open_regular(path, name, &fd, &st);
    if (rc)
        return rc;
    s->fd = fd;
    s->size = (uint64_t)st.st_size;
    stat_times(s, &st);
#ifdef POSIX_FADV_SEQUENTIAL
    (void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return 0;
}

void fupin__stream_memory(struct fupin__stream *s, const char *data, size_t len, const char *name)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->mem = data;
    s->name = name;
    s->size = len;
}

int fupin__stream_read(struct fupin__stream *s, uint64_t off, char *buf, size_t n, size_t *got)
{
    *got = 0;
    if (s->fd < 0) {
        if (off < s->size) {
            uint64_t left = s->size - off;
            *got = left < n ? (size_t)left : n;
            memcpy(buf, s->mem + off, *got);
        }
        return 0;
    }
    while (*got < n) {
        ssize_t r = pread(s->fd, buf + *got, n - *got, (off_t)(off + *got));
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r < 0)
            return fupin__error(FUPIN_EIO, "%s: %s", s->name, strerror(errno));
        if (r == 0)
            break;
        *got += (size_t)r;
    }
    return 0;
}

int fupin__stream_check(const struct fupin__stream *s, uint64_t end)
{
    struct stat st;
    if (end < s->size)
        return fupin__error(FUPIN_EIO,
                            "%s: the file shrank while it was read (%llu of %llu bytes): load "
                            "it again when nothing is writing it",
                            s->name, (unsigned long long)end, (unsigned long long)s->size);
    if (end > s->size)
        return fupin__error(FUPIN_EIO,
                            "%s: the file grew while it was read (beyond %llu bytes): load it "
                            "again when nothing is writing it",
                            s->name, (unsigned long long)s->size);
    if (s->fd < 0)
        return 0;
    if (fstat(s->fd, &st) != 0)
        return fupin__error(FUPIN_EIO, "%s: %s", s->name, strerror(errno));
    struct fupin__stream now = *s;
    stat_times(&now, &st);
    if ((uint64_t)st.st_size != s->size || now.mtime_s != s->mtime_s ||
        now.mtime_ns != s->mtime_ns || now.ctime_s != s->ctime_s || now.ctime_ns != s->ctime_ns)
        return fupin__error(FUPIN_EIO,
                            "%s: the file was written while it was read: load it again when "
                            "nothing is writing it",
                            s->name);
    return 0;
}

void fupin__stream_close(struct fupin__stream *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
}
