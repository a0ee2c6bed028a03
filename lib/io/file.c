/* Whole files in memory for the CSV readers (dataset and expectations). */
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"

int fupin__file_open(struct fupin__file *f, const char *path, const char *name)
{
    struct stat st;
    f->data = NULL;
    f->len = 0;
    f->mapped = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return errno == ENOENT ? FUPIN_ENOTFOUND
                               : fupin__error(FUPIN_EIO, "%s: cannot open (errno %d)", name, errno);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return fupin__error(FUPIN_EIO, "%s: not a readable regular file", name);
    }
    size_t size = (size_t)st.st_size, got = 0;
    if (size > 0) {
        void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map != MAP_FAILED) {
            close(fd);
            f->mapped = 1;
            f->data = map;
            f->len = size;
            return 0;
        }
    }
    char *buf = fupin__malloc(size + 1);
    if (!buf) {
        close(fd);
        return fupin__oom();
    }
    while (got < size) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got != size) {
        fupin__free(buf);
        return fupin__error(FUPIN_EIO, "%s: read error", name);
    }
    f->data = buf;
    f->len = size;
    return 0;
}

void fupin__file_close(struct fupin__file *f)
{
    if (f->mapped)
        munmap((void *)f->data, f->len);
    else
        fupin__free((void *)f->data);
    f->data = NULL;
    f->len = 0;
    f->mapped = 0;
}
