/* orez's VFS: cross-process locks as marker files and file-backed shared memory (see orez_vfs.c). */
#ifndef OREZ_VFS_H
#define OREZ_VFS_H

/* Registers the "orez" VFS as SQLite's default; SQLite must be initialised. */
int orez_vfs_register(void);

#endif
