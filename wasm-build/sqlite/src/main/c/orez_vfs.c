/*
 * orez's SQLite VFS for WebAssembly: the "unix-none" VFS of the amalgamation does the file I/O (through WASI), this
 * layer adds what WASI lacks and zero-cache's worker processes need to share one WAL/WAL2 database:
 *
 *   - Locks across processes. WASI has no fcntl() locks, so every lock is a marker file in "<db>-locks/", named
 *     "<slot>.<s|x>.<owner>". To take a lock, an owner creates its marker first and then lists the directory; if a
 *     conflicting marker of another owner is there, it removes its own and reports SQLITE_BUSY. Two racing owners
 *     cannot both win: whichever lists last sees the other's marker. Markers of processes that died are removed by
 *     the first owner that trips over them (the host answers whether a pid is alive).
 *
 *   - Shared memory backed by the "<db>-shm" file. WebAssembly cannot map a file, so each process keeps a private
 *     copy of the wal-index regions and synchronises it with the file at the points where SQLite's WAL protocol
 *     expects other processes' writes to become visible: every shm lock taken and every memory barrier reads the
 *     file; every barrier and every lock released first writes back the bytes this process changed (and only those,
 *     found by comparing with the copy last read, so that two processes changing different fields under different
 *     locks never overwrite each other).
 *
 * Connections of one process share their copy, as they share the mapping in the unix VFS.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sqlite3.h"
#include "orez_vfs.h"

__attribute__((import_module("orez"), import_name("process_id"))) int orez_host_process_id(void);
__attribute__((import_module("orez"), import_name("process_alive"))) int orez_host_process_alive(int pid);

#define OWNER_SIZE 32
#define SLOT_NAME_SIZE 16
#define MARKER_NAME_SIZE (SLOT_NAME_SIZE + 3 + OWNER_SIZE)
#define MARKER_PATH_SIZE 1024
#define SHM_LOCK_SLOTS SQLITE_SHM_NLOCK

/* ---------------------------------------------------------------------------------------------------------------
 * Lock markers
 */

/* "<dir>/<name>" into path[MARKER_PATH_SIZE]; false if it does not fit. */
static int marker_path(char *path, const char *dir, const char *name) {
    return snprintf(path, MARKER_PATH_SIZE, "%s/%s", dir, name) < MARKER_PATH_SIZE;
}

/* Creates "<dir>/<name>" if absent; the directory is created on first use. */
static int marker_create(const char *dir, const char *name) {
    char path[MARKER_PATH_SIZE];
    if (!marker_path(path, dir, name)) return SQLITE_CANTOPEN;
    /* A third attempt: the last connection of another process may remove the empty directory in between. */
    for (int attempt = 0; attempt < 3; attempt++) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd >= 0) {
            close(fd);
            return SQLITE_OK;
        }
        if (errno == EEXIST) return SQLITE_OK; /* this owner's marker already: nothing to take */
        if (errno != ENOENT || (mkdir(dir, 0755) != 0 && errno != EEXIST)) return SQLITE_IOERR_LOCK;
    }
    return SQLITE_IOERR_LOCK;
}

static void marker_remove(const char *dir, const char *name) {
    char path[MARKER_PATH_SIZE];
    if (marker_path(path, dir, name)) unlink(path);
}

static void marker_name(char *out, const char *slot, char kind, const char *owner) {
    snprintf(out, MARKER_NAME_SIZE, "%s.%c.%s", slot, kind, owner);
}

/* A new owner name, "<pid>-<random>": unique per connection even among module instances of one process. */
static void owner_new(char *out) {
    unsigned long long nonce;
    sqlite3_randomness(sizeof nonce, &nonce);
    snprintf(out, OWNER_SIZE, "%d-%016llx", orez_host_process_id(), nonce);
}

/* An owner's process is gone if the host says its pid is not alive. */
static int owner_is_dead(const char *owner) {
    int pid = 0;
    for (const char *c = owner; *c >= '0' && *c <= '9'; c++) pid = pid * 10 + (*c - '0');
    return pid != orez_host_process_id() && !orez_host_process_alive(pid);
}

/*
 * Whether another live owner holds "slot" in a way that conflicts: any marker when we want it exclusively, an
 * exclusive marker when we want it shared. Stale markers found on the way are removed.
 */
static int marker_conflicts(const char *dir, const char *slot, const char *owner, int exclusive) {
    DIR *d = opendir(dir);
    if (d == NULL) return 0;
    size_t slotLength = strlen(slot);
    int conflict = 0;
    struct dirent *entry;
    while (!conflict && (entry = readdir(d)) != NULL) {
        const char *name = entry->d_name;
        if (strncmp(name, slot, slotLength) != 0 || name[slotLength] != '.') continue;
        char kind = name[slotLength + 1];
        const char *other = name + slotLength + 3;
        if (name[slotLength + 2] != '.' || strcmp(other, owner) == 0) continue;
        if (!exclusive && kind != 'x') continue;
        if (owner_is_dead(other)) {
            marker_remove(dir, name);
            continue;
        }
        conflict = 1;
    }
    closedir(d);
    return conflict;
}

/* Takes "slot" for "owner"; SQLITE_BUSY if a live owner holds it in a conflicting way. */
static int lock_take(const char *dir, const char *slot, const char *owner, int exclusive) {
    char name[MARKER_NAME_SIZE];
    marker_name(name, slot, exclusive ? 'x' : 's', owner);
    int rc = marker_create(dir, name);
    if (rc != SQLITE_OK) return rc;
    if (marker_conflicts(dir, slot, owner, exclusive)) {
        marker_remove(dir, name);
        return SQLITE_BUSY;
    }
    return SQLITE_OK;
}

static void lock_release(const char *dir, const char *slot, const char *owner, int exclusive) {
    char name[MARKER_NAME_SIZE];
    marker_name(name, slot, exclusive ? 'x' : 's', owner);
    marker_remove(dir, name);
}

/* ---------------------------------------------------------------------------------------------------------------
 * Shared memory: one node per shm file in this process, one handle per connection
 */

typedef struct ShmNode ShmNode;
struct ShmNode {
    char *path;       /* "<db>-shm" */
    char *lockDir;    /* "<db>-locks", for the dead-man-switch marker */
    char owner[OWNER_SIZE];
    int fd;
    int regionSize;
    int regionCount;
    char **regions;   /* what SQLite reads and writes */
    char **lastRead;  /* the file's bytes as of the last synchronisation, to find what this process changed */
    int handles;
    ShmNode *next;
};

static ShmNode *shmNodes = NULL;

/* Writes back the byte ranges of the regions that differ from what was last read. */
static int shm_flush(ShmNode *node) {
    for (int r = 0; r < node->regionCount; r++) {
        char *now = node->regions[r];
        char *before = node->lastRead[r];
        int i = 0;
        while (i < node->regionSize) {
            if (now[i] == before[i]) {
                i++;
                continue;
            }
            int start = i;
            while (i < node->regionSize && now[i] != before[i]) i++;
            off_t offset = (off_t) r * node->regionSize + start;
            if (pwrite(node->fd, now + start, i - start, offset) != i - start) return SQLITE_IOERR_SHMLOCK;
            memcpy(before + start, now + start, i - start);
        }
    }
    return SQLITE_OK;
}

/* Writes back this process's changes, then reads what every process has written. */
static int shm_sync(ShmNode *node) {
    int rc = shm_flush(node);
    if (rc != SQLITE_OK) return rc;
    for (int r = 0; r < node->regionCount; r++) {
        off_t offset = (off_t) r * node->regionSize;
        ssize_t n = pread(node->fd, node->regions[r], node->regionSize, offset);
        if (n < 0) return SQLITE_IOERR_SHMLOCK;
        if (n < node->regionSize) memset(node->regions[r] + n, 0, node->regionSize - n);
        memcpy(node->lastRead[r], node->regions[r], node->regionSize);
    }
    return SQLITE_OK;
}

static void shm_node_free(ShmNode *node) {
    for (int r = 0; r < node->regionCount; r++) {
        sqlite3_free(node->regions[r]);
        sqlite3_free(node->lastRead[r]);
    }
    sqlite3_free(node->regions);
    sqlite3_free(node->lastRead);
    if (node->fd >= 0) close(node->fd);
    sqlite3_free(node->path);
    sqlite3_free(node->lockDir);
    sqlite3_free(node);
}

/*
 * The process's node for "<db>-shm", opened on first use. The first process to open the file (no other live process
 * holds the "dms" marker) empties it: what is there was left by processes that are gone.
 */
static int shm_node_open(const char *dbPath, const char *lockDir, ShmNode **out) {
    char *path = sqlite3_mprintf("%s-shm", dbPath);
    if (path == NULL) return SQLITE_NOMEM;
    for (ShmNode *n = shmNodes; n != NULL; n = n->next) {
        if (strcmp(n->path, path) == 0) {
            sqlite3_free(path);
            *out = n;
            return SQLITE_OK;
        }
    }
    ShmNode *node = sqlite3_malloc(sizeof *node);
    if (node == NULL) {
        sqlite3_free(path);
        return SQLITE_NOMEM;
    }
    memset(node, 0, sizeof *node);
    node->path = path;
    node->lockDir = sqlite3_mprintf("%s", lockDir);
    node->fd = -1;
    if (node->lockDir == NULL) {
        shm_node_free(node);
        return SQLITE_NOMEM;
    }
    owner_new(node->owner);

    node->fd = open(path, O_RDWR | O_CREAT, 0644);
    if (node->fd < 0) {
        shm_node_free(node);
        return SQLITE_CANTOPEN;
    }
    int rc = lock_take(lockDir, "dms", node->owner, 0);
    if (rc == SQLITE_OK && !marker_conflicts(lockDir, "dms", node->owner, 1) && ftruncate(node->fd, 0) != 0) {
        rc = SQLITE_IOERR_SHMOPEN;
    }
    if (rc != SQLITE_OK) {
        lock_release(lockDir, "dms", node->owner, 0);
        shm_node_free(node);
        return rc;
    }
    node->next = shmNodes;
    shmNodes = node;
    *out = node;
    return SQLITE_OK;
}

static void shm_node_close(ShmNode *node, int deleteFile) {
    ShmNode **link = &shmNodes;
    while (*link != node) link = &(*link)->next;
    *link = node->next;
    shm_flush(node);
    if (deleteFile) unlink(node->path);
    lock_release(node->lockDir, "dms", node->owner, 0);
    shm_node_free(node);
}

static int shm_map(ShmNode *node, int region, int size, int extend, void volatile **out) {
    *out = NULL;
    if (node->regionCount > 0 && node->regionSize != size) return SQLITE_IOERR_SHMMAP;
    node->regionSize = size;
    if (region >= node->regionCount) {
        struct stat st;
        if (fstat(node->fd, &st) != 0) return SQLITE_IOERR_SHMSIZE;
        off_t needed = (off_t) (region + 1) * size;
        if (st.st_size < needed) {
            if (!extend) return SQLITE_OK;
            if (ftruncate(node->fd, needed) != 0) return SQLITE_IOERR_SHMSIZE;
        }
        char **regions = sqlite3_realloc(node->regions, (region + 1) * sizeof(char *));
        if (regions == NULL) return SQLITE_NOMEM;
        node->regions = regions;
        char **lastRead = sqlite3_realloc(node->lastRead, (region + 1) * sizeof(char *));
        if (lastRead == NULL) return SQLITE_NOMEM;
        node->lastRead = lastRead;
        while (node->regionCount <= region) {
            int r = node->regionCount;
            node->regions[r] = sqlite3_malloc(size);
            node->lastRead[r] = sqlite3_malloc(size);
            if (node->regions[r] == NULL || node->lastRead[r] == NULL) {
                sqlite3_free(node->regions[r]);
                sqlite3_free(node->lastRead[r]);
                return SQLITE_NOMEM;
            }
            ssize_t n = pread(node->fd, node->regions[r], size, (off_t) r * size);
            if (n < 0) n = 0;
            memset(node->regions[r] + n, 0, size - n);
            memcpy(node->lastRead[r], node->regions[r], size);
            node->regionCount++;
        }
    }
    *out = node->regions[region];
    return SQLITE_OK;
}

/* ---------------------------------------------------------------------------------------------------------------
 * The database file
 */

typedef struct OrezFile OrezFile;
struct OrezFile {
    _Alignas(8) sqlite3_file base; /* 8-aligned, so the unix file placed after this struct is too */
    sqlite3_file *real;         /* the unix-none file, placed right after this struct */
    char *path;
    char *lockDir;
    char owner[OWNER_SIZE];
    int lockLevel;              /* SQLITE_LOCK_NONE .. SQLITE_LOCK_EXCLUSIVE */
    ShmNode *shm;
    unsigned short shmShared;   /* shm slots held shared, one bit each */
    unsigned short shmExclusive;
};

static sqlite3_vfs *unixNone;

static const char *shm_slot_name(int slot) {
    static const char *names[SHM_LOCK_SLOTS] = {"shm0", "shm1", "shm2", "shm3", "shm4", "shm5", "shm6", "shm7"};
    return names[slot];
}

static int orez_close(sqlite3_file *file) {
    OrezFile *f = (OrezFile *) file;
    if (f->shm != NULL) file->pMethods->xShmUnmap(file, 0);
    if (f->lockLevel > SQLITE_LOCK_NONE) file->pMethods->xUnlock(file, SQLITE_LOCK_NONE);
    int rc = f->real->pMethods->xClose(f->real);
    rmdir(f->lockDir); /* only succeeds once no connection anywhere holds a marker */
    sqlite3_free(f->path);
    sqlite3_free(f->lockDir);
    return rc;
}

static int orez_read(sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset) {
    sqlite3_file *real = ((OrezFile *) file)->real;
    return real->pMethods->xRead(real, buf, amount, offset);
}

static int orez_write(sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset) {
    sqlite3_file *real = ((OrezFile *) file)->real;
    return real->pMethods->xWrite(real, buf, amount, offset);
}

static int orez_truncate(sqlite3_file *file, sqlite3_int64 size) {
    sqlite3_file *real = ((OrezFile *) file)->real;
    return real->pMethods->xTruncate(real, size);
}

static int orez_sync(sqlite3_file *file, int flags) {
    sqlite3_file *real = ((OrezFile *) file)->real;
    return real->pMethods->xSync(real, flags);
}

static int orez_file_size(sqlite3_file *file, sqlite3_int64 *size) {
    sqlite3_file *real = ((OrezFile *) file)->real;
    return real->pMethods->xFileSize(real, size);
}

static int orez_file_control(sqlite3_file *file, int op, void *arg) {
    sqlite3_file *real = ((OrezFile *) file)->real;
    return real->pMethods->xFileControl(real, op, arg);
}

static int orez_sector_size(sqlite3_file *file) {
    sqlite3_file *real = ((OrezFile *) file)->real;
    return real->pMethods->xSectorSize(real);
}

static int orez_device_characteristics(sqlite3_file *file) {
    sqlite3_file *real = ((OrezFile *) file)->real;
    return real->pMethods->xDeviceCharacteristics(real);
}

/*
 * The database file's lock levels, as the unix VFS builds them from byte ranges: readers hold "shared" shared;
 * a writer adds "reserved"; "pending" stops new readers while a writer waits for the others to leave; the writer
 * then holds "shared" exclusively.
 */
static int orez_lock(sqlite3_file *file, int level) {
    OrezFile *f = (OrezFile *) file;
    if (f->lockLevel >= level) return SQLITE_OK;
    int rc = SQLITE_OK;
    if (level == SQLITE_LOCK_SHARED) {
        rc = lock_take(f->lockDir, "shared", f->owner, 0);
        if (rc == SQLITE_OK && marker_conflicts(f->lockDir, "pending", f->owner, 1)) {
            lock_release(f->lockDir, "shared", f->owner, 0);
            rc = SQLITE_BUSY;
        }
        if (rc == SQLITE_OK) f->lockLevel = SQLITE_LOCK_SHARED;
        return rc;
    }
    if (level == SQLITE_LOCK_RESERVED) {
        rc = lock_take(f->lockDir, "reserved", f->owner, 1);
        if (rc == SQLITE_OK) f->lockLevel = SQLITE_LOCK_RESERVED;
        return rc;
    }
    /* EXCLUSIVE (SQLite never asks for PENDING itself): PENDING first, kept while readers are still there. */
    if (f->lockLevel < SQLITE_LOCK_PENDING) {
        rc = lock_take(f->lockDir, "pending", f->owner, 1);
        if (rc != SQLITE_OK) return rc;
        f->lockLevel = SQLITE_LOCK_PENDING;
    }
    rc = lock_take(f->lockDir, "shared", f->owner, 1);
    if (rc == SQLITE_OK) f->lockLevel = SQLITE_LOCK_EXCLUSIVE;
    return rc;
}

static int orez_unlock(sqlite3_file *file, int level) {
    OrezFile *f = (OrezFile *) file;
    if (f->lockLevel <= level) return SQLITE_OK;
    if (f->lockLevel >= SQLITE_LOCK_EXCLUSIVE) lock_release(f->lockDir, "shared", f->owner, 1);
    if (f->lockLevel >= SQLITE_LOCK_PENDING) lock_release(f->lockDir, "pending", f->owner, 1);
    if (f->lockLevel >= SQLITE_LOCK_RESERVED) lock_release(f->lockDir, "reserved", f->owner, 1);
    if (level == SQLITE_LOCK_NONE) lock_release(f->lockDir, "shared", f->owner, 0);
    f->lockLevel = level;
    return SQLITE_OK;
}

static int orez_check_reserved_lock(sqlite3_file *file, int *reserved) {
    OrezFile *f = (OrezFile *) file;
    *reserved = f->lockLevel >= SQLITE_LOCK_RESERVED || marker_conflicts(f->lockDir, "reserved", f->owner, 1);
    return SQLITE_OK;
}

static int orez_shm_map(sqlite3_file *file, int region, int size, int extend, void volatile **out) {
    OrezFile *f = (OrezFile *) file;
    if (f->shm == NULL) {
        int rc = shm_node_open(f->path, f->lockDir, &f->shm);
        if (rc != SQLITE_OK) return rc;
        f->shm->handles++;
    }
    return shm_map(f->shm, region, size, extend, out);
}

static int orez_shm_lock(sqlite3_file *file, int offset, int count, int flags) {
    OrezFile *f = (OrezFile *) file;
    ShmNode *node = f->shm;
    int exclusive = (flags & SQLITE_SHM_EXCLUSIVE) != 0;
    unsigned short mask = (unsigned short) (((1 << count) - 1) << offset);
    if (flags & SQLITE_SHM_UNLOCK) {
        int rc = shm_flush(node);
        for (int slot = offset; slot < offset + count; slot++) {
            lock_release(f->lockDir, shm_slot_name(slot), f->owner, exclusive);
        }
        if (exclusive) {
            f->shmExclusive &= ~mask;
        } else {
            f->shmShared &= ~mask;
        }
        return rc;
    }
    for (int slot = offset; slot < offset + count; slot++) {
        int rc = lock_take(f->lockDir, shm_slot_name(slot), f->owner, exclusive);
        if (rc != SQLITE_OK) {
            while (--slot >= offset) lock_release(f->lockDir, shm_slot_name(slot), f->owner, exclusive);
            return rc;
        }
    }
    if (exclusive) {
        f->shmExclusive |= mask;
    } else {
        f->shmShared |= mask;
    }
    return shm_sync(node);
}

static void orez_shm_barrier(sqlite3_file *file) {
    OrezFile *f = (OrezFile *) file;
    if (f->shm != NULL) shm_sync(f->shm);
}

static int orez_shm_unmap(sqlite3_file *file, int deleteFlag) {
    OrezFile *f = (OrezFile *) file;
    ShmNode *node = f->shm;
    if (node == NULL) return SQLITE_OK;
    for (int slot = 0; slot < SHM_LOCK_SLOTS; slot++) {
        if (f->shmShared & (1 << slot)) lock_release(f->lockDir, shm_slot_name(slot), f->owner, 0);
        if (f->shmExclusive & (1 << slot)) lock_release(f->lockDir, shm_slot_name(slot), f->owner, 1);
    }
    f->shmShared = f->shmExclusive = 0;
    f->shm = NULL;
    if (--node->handles == 0) shm_node_close(node, deleteFlag);
    return SQLITE_OK;
}

static int orez_fetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out) {
    (void) file;
    (void) offset;
    (void) amount;
    *out = NULL; /* no memory mapping in WebAssembly: SQLite reads instead */
    return SQLITE_OK;
}

static int orez_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *page) {
    (void) file;
    (void) offset;
    (void) page;
    return SQLITE_OK;
}

static const sqlite3_io_methods orezDatabaseMethods = {
    3,
    orez_close,
    orez_read,
    orez_write,
    orez_truncate,
    orez_sync,
    orez_file_size,
    orez_lock,
    orez_unlock,
    orez_check_reserved_lock,
    orez_file_control,
    orez_sector_size,
    orez_device_characteristics,
    orez_shm_map,
    orez_shm_lock,
    orez_shm_barrier,
    orez_shm_unmap,
    orez_fetch,
    orez_unfetch,
};

/* Journals, WAL files and temporary files are plain unix-none files; only main databases get locks and shm. */
static int orez_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags) {
    (void) vfs;
    if (!(flags & SQLITE_OPEN_MAIN_DB) || name == NULL) {
        return unixNone->xOpen(unixNone, name, file, flags, outFlags);
    }
    OrezFile *f = (OrezFile *) file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *) (f + 1);
    int rc = unixNone->xOpen(unixNone, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK) return rc;
    f->path = sqlite3_mprintf("%s", name);
    f->lockDir = sqlite3_mprintf("%s-locks", name);
    if (f->path == NULL || f->lockDir == NULL) {
        f->real->pMethods->xClose(f->real);
        sqlite3_free(f->path);
        sqlite3_free(f->lockDir);
        return SQLITE_NOMEM;
    }
    owner_new(f->owner);
    file->pMethods = &orezDatabaseMethods;
    return SQLITE_OK;
}

static int orez_delete(sqlite3_vfs *vfs, const char *name, int syncDir) {
    (void) vfs;
    return unixNone->xDelete(unixNone, name, syncDir);
}

static int orez_access(sqlite3_vfs *vfs, const char *name, int flags, int *result) {
    (void) vfs;
    return unixNone->xAccess(unixNone, name, flags, result);
}

static int orez_full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *out) {
    (void) vfs;
    return unixNone->xFullPathname(unixNone, name, size, out);
}

static int orez_randomness(sqlite3_vfs *vfs, int size, char *out) {
    (void) vfs;
    return unixNone->xRandomness(unixNone, size, out);
}

static int orez_sleep(sqlite3_vfs *vfs, int microseconds) {
    (void) vfs;
    return unixNone->xSleep(unixNone, microseconds);
}

static int orez_current_time(sqlite3_vfs *vfs, double *out) {
    (void) vfs;
    return unixNone->xCurrentTime(unixNone, out);
}

static int orez_get_last_error(sqlite3_vfs *vfs, int size, char *out) {
    (void) vfs;
    return unixNone->xGetLastError(unixNone, size, out);
}

static int orez_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
    (void) vfs;
    return unixNone->xCurrentTimeInt64(unixNone, out);
}

static sqlite3_vfs orezVfs = {
    2,
    0, /* szOsFile, set at registration */
    0, /* mxPathname, set at registration */
    NULL,
    "orez",
    NULL,
    orez_open,
    orez_delete,
    orez_access,
    orez_full_pathname,
    NULL,
    NULL,
    NULL,
    NULL,
    orez_randomness,
    orez_sleep,
    orez_current_time,
    orez_get_last_error,
    orez_current_time_int64,
    NULL, /* no system calls to override: version 2 of the interface */
    NULL,
    NULL,
};

int orez_vfs_register(void) {
    if (unixNone != NULL) return SQLITE_OK;
    unixNone = sqlite3_vfs_find("unix-none");
    if (unixNone == NULL) return SQLITE_ERROR;
    orezVfs.szOsFile = (int) sizeof(OrezFile) + unixNone->szOsFile;
    orezVfs.mxPathname = unixNone->mxPathname;
    return sqlite3_vfs_register(&orezVfs, 1);
}
