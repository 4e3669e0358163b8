"""What a sandbox worker shuts itself out of before it runs a stranger's query (Linux).

The gate (:mod:`policykg.queries.guard`) decides what may run; this is the second line, for what
would get past it.  :func:`confine` takes away from the calling process, for the rest of its
life and from every thread:

- **files** (Landlock, kernel 5.13+): read access only beneath the directories named (the
  database's directory, the interpreter's own), no write, create, remove or execute anywhere;
  so ``LOAD FROM '/etc/passwd'``, ``COPY ... TO '/any/path'``, ``LOAD EXTENSION '/proc/N/fd/M'``
  or a read-write reopen of the database fail with "permission denied";
- **the network**: a network namespace of its own when it may make one (root, or user
  namespaces allowed), Landlock's TCP rules (kernel 6.7+) and seccomp's ``socket`` refusal;
- **system calls** (seccomp through :mod:`pyseccomp`, when libseccomp is installed): no new
  socket, process or program (``execve``, ``fork``, a ``clone`` that is not a thread), no
  memory made executable (a library loaded now could not run), no file opened for writing, no
  ptrace, mount, namespace, BPF, io_uring or kernel keyring;
- **resources** (rlimits): no core dumps, no byte written to a regular file (RLIMIT_FSIZE 0,
  SIGXFSZ ignored so the write fails instead of the process), at most ``max_files`` open files.

Each layer is applied where the system has it and reported in the returned dict, which the
pool logs once; missing layers are no error (macOS, old kernels, containers without seccomp).
Everything a query may still need later (modules the result conversion imports, the files
``cap_memory`` reads) must be loaded or opened before.
"""
from __future__ import annotations

import ctypes
import errno
import os
import resource
import signal
import sys

SYS_LANDLOCK = {"create_ruleset": 444, "add_rule": 445, "restrict_self": 446}  # the same on every arch
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
FS_EXECUTE, FS_WRITE, FS_READ_FILE, FS_READ_DIR = 1, 2, 4, 8
FS_ALL = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1}  # per ABI; 5+ adds IOCTL_DEV
NET_BIND_TCP, NET_CONNECT_TCP = 1, 2
SCOPE_ABSTRACT_UNIX, SCOPE_SIGNAL = 1, 2
CLONE_NEWUSER, CLONE_NEWNET, CLONE_THREAD = 0x10000000, 0x40000000, 0x00010000
PR_SET_NO_NEW_PRIVS = 38
MAX_FILES = 256
DENIED_CALLS = ("execve", "execveat", "fork", "vfork", "ptrace", "process_vm_readv", "process_vm_writev", "mount",
                "umount2", "unshare", "setns", "pivot_root", "chroot", "bpf", "perf_event_open", "userfaultfd",
                "io_uring_setup", "io_uring_enter", "io_uring_register", "keyctl", "add_key", "request_key",
                "init_module", "finit_module", "delete_module", "kexec_load", "socket", "connect", "bind", "listen",
                "accept", "accept4", "open_by_handle_at", "name_to_handle_at", "memfd_create", "creat", "link",
                "linkat", "symlink", "symlinkat", "rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir",
                "mkdirat", "rmdir", "truncate", "chmod", "fchmodat", "chown", "fchownat", "mknod", "mknodat")


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def landlock_abi() -> int:
    """The Landlock ABI version the kernel offers (0: none)."""
    if not sys.platform.startswith("linux"):
        return 0
    v = _libc().syscall(SYS_LANDLOCK["create_ruleset"], None, ctypes.c_size_t(0), CREATE_RULESET_VERSION)
    return max(0, v)


def landlock(read_dirs: list[str]) -> int:
    """Read-only access beneath ``read_dirs``, nothing else (no TCP either, no signal or abstract
    socket out of the domain where the ABI has them); the ABI applied, 0 if none."""
    abi = landlock_abi()
    if abi < 1:
        return 0
    libc = _libc()
    fs = FS_ALL.get(abi, (1 << 16) - 1)
    attr = _RulesetAttr(fs, NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0,
                        SCOPE_ABSTRACT_UNIX | SCOPE_SIGNAL if abi >= 6 else 0)
    ruleset = libc.syscall(SYS_LANDLOCK["create_ruleset"], ctypes.byref(attr), ctypes.c_size_t(ctypes.sizeof(attr)),
                           0)
    if ruleset < 0:
        return 0
    try:
        for d in dict.fromkeys(os.path.realpath(p) for p in read_dirs if p and os.path.isdir(p)):
            fd = os.open(d, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = _PathBeneath(FS_READ_FILE | FS_READ_DIR, fd)
                libc.syscall(SYS_LANDLOCK["add_rule"], ruleset, RULE_PATH_BENEATH, ctypes.byref(rule), 0)
            finally:
                os.close(fd)
        libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        if libc.syscall(SYS_LANDLOCK["restrict_self"], ruleset, 0) != 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


def own_network() -> bool:
    """A network namespace with nothing in it (not even loopback up): True if one was made."""
    libc = _libc()
    return any(libc.unshare(flags) == 0 for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET))


def seccomp_filter():
    """The filter that refuses the system calls a read query never needs (see the module's
    docstring), built but not loaded (building may look for libseccomp with a subprocess); None
    without libseccomp or pyseccomp."""
    try:
        import pyseccomp as sc

        f = sc.SyscallFilter(defaction=sc.ALLOW)
        for name in DENIED_CALLS:
            try:
                f.add_rule(sc.ERRNO(errno.EPERM), name)
            except (ValueError, RuntimeError, OSError):  # a call this architecture does not have
                pass
        f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")  # glibc then falls back to clone, checked below
        f.add_rule(sc.ERRNO(errno.EPERM), "clone", sc.Arg(0, sc.MASKED_EQ, CLONE_THREAD, 0))
        for call in ("mmap", "mprotect", "pkey_mprotect"):
            f.add_rule(sc.ERRNO(errno.EPERM), call, sc.Arg(2, sc.MASKED_EQ, 4, 4))  # PROT_EXEC
        for flag in (os.O_WRONLY, os.O_RDWR, os.O_CREAT, os.O_TRUNC):
            f.add_rule(sc.ERRNO(errno.EACCES), "openat", sc.Arg(2, sc.MASKED_EQ, flag, flag))
            f.add_rule(sc.ERRNO(errno.EACCES), "open", sc.Arg(1, sc.MASKED_EQ, flag, flag))
        f.add_rule(sc.ERRNO(errno.ENOSYS), "openat2")  # its flags are behind a pointer: callers fall back
        return f
    except Exception:  # no libseccomp or no pyseccomp: the other layers stay
        return None


def load(seccomp) -> bool:
    try:
        seccomp.load()
        return True
    except Exception:  # a kernel without seccomp
        return False


def rlimits(max_files: int = MAX_FILES) -> list[str]:
    """No core dump, no byte written to a file, few open files."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past RLIMIT_FSIZE fails with EFBIG instead
    done = []
    for name, value in (("RLIMIT_CORE", 0), ("RLIMIT_FSIZE", 0), ("RLIMIT_NOFILE", max_files)):
        res = getattr(resource, name)
        hard = resource.getrlimit(res)[1]
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(res, (value, value))
        done.append(name)
    return done


def interpreter_dirs() -> list[str]:
    """Where this interpreter's modules live (they stay readable: a lazy import must still work)."""
    return [*{sys.prefix, sys.base_prefix, sys.exec_prefix}, *(p for p in sys.path if os.path.isdir(p))]


def confine(read_dirs: list[str], *, network: bool = False) -> dict:
    """Apply every layer this system has; what was applied.  ``network``: keep TCP (a Neo4j
    sandbox must reach its server), so no namespace, no Landlock TCP rules, no socket refusal."""
    if network:
        return {"netns": False, "rlimits": rlimits(), "landlock": 0, "seccomp": False}
    applied = {"netns": own_network()}
    syscalls = seccomp_filter()
    applied["rlimits"] = rlimits()
    applied["landlock"] = landlock([*read_dirs, *interpreter_dirs()])
    applied["seccomp"] = syscalls is not None and load(syscalls)
    return applied
