/*
 * LD_PRELOAD shim that lets Debian's C xenstored 4.17 run on a machine without Xen, serving
 * clients on its unix socket only. It fakes, above the hypercall layer, what the daemon asks
 * of libxenctrl, libxengnttab and libxenevtchn: every domain exists, event channels are an
 * eventfd that never fires, grant mappings are anonymous pages, and /proc/xen/xsd_port and
 * /proc/xen/xsd_kva (dom0's event channel and ring page) are served from memory. Started with
 * -N (no fork). Built by the conformance tests with gcc.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <stdarg.h>
#include <fcntl.h>
#include <dlfcn.h>

static char dummy_handle[64];
static int event_fd = -1;
static int next_port = 10;

void *xc_interface_open(void *logger, void *dombuild_logger, unsigned open_flags) { return dummy_handle; }
int xc_interface_close(void *xch) { return 0; }

/* xc_dominfo_t is 112 bytes on x86-64 in 4.17; domid is its first field. */
int xc_domain_getinfo(void *xch, uint32_t first_domid, unsigned int max_doms, void *info) {
  if (max_doms < 1) return 0;
  memset(info, 0, 112);
  *(uint32_t *)info = first_domid;
  return 1;
}

void *xengnttab_open(void *logger, unsigned open_flags) { return dummy_handle; }
int xengnttab_close(void *xgt) { return 0; }
int xengnttab_set_max_grants(void *xgt, uint32_t count) { return 0; }
void *xengnttab_map_grant_ref(void *xgt, uint32_t domid, uint32_t ref, int prot) {
  void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}
int xengnttab_unmap(void *xgt, void *start_address, uint32_t count) { return munmap(start_address, 4096 * count); }

void *xenevtchn_open(void *logger, unsigned open_flags) { return dummy_handle; }
void *xenevtchn_fdopen(void *logger, int fd, unsigned open_flags) { return dummy_handle; }
int xenevtchn_close(void *xce) { return 0; }
int xenevtchn_fd(void *xce) {
  if (event_fd < 0) event_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  return event_fd;
}
int xenevtchn_bind_virq(void *xce, unsigned int virq) { return next_port++; }
int xenevtchn_bind_interdomain(void *xce, uint32_t domid, uint32_t remote_port) { return next_port++; }
int xenevtchn_unbind(void *xce, uint32_t port) { return 0; }
int xenevtchn_notify(void *xce, uint32_t port) { return 0; }
int xenevtchn_pending(void *xce) { errno = EAGAIN; return -1; }
int xenevtchn_unmask(void *xce, uint32_t port) { return 0; }

/* dom0's ring: a zeroed page (no requests ever arrive on it); its port: "1". */
static int memory_file(const char *name, const char *content, size_t size) {
  int fd = memfd_create(name, MFD_CLOEXEC);
  if (fd < 0) return -1;
  if (ftruncate(fd, size) != 0) return -1;
  if (content) {
    if (pwrite(fd, content, strlen(content), 0) < 0) return -1;
    if (ftruncate(fd, strlen(content)) != 0) return -1;
  }
  return fd;
}

static int fake_proc(const char *path) {
  if (strcmp(path, "/proc/xen/xsd_port") == 0) return memory_file("xsd_port", "1\n", 0);
  if (strcmp(path, "/proc/xen/xsd_kva") == 0) return memory_file("xsd_kva", NULL, 4096);
  return -2;
}

/* open and open64: the two /proc files from memory, everything else to the real function. */
static int open_via(const char *symbol, const char *path, int flags, mode_t mode) {
  int fd = fake_proc(path);
  if (fd != -2) return fd;
  int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, symbol);
  return real(path, flags, mode);
}

#define MODE_ARG(flags, mode) \
  do { if ((flags) & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, mode_t); va_end(ap); } } while (0)

int open(const char *path, int flags, ...) { mode_t mode = 0; MODE_ARG(flags, mode); return open_via("open", path, flags, mode); }
int open64(const char *path, int flags, ...) { mode_t mode = 0; MODE_ARG(flags, mode); return open_via("open64", path, flags, mode); }
