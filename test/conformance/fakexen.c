/*
 * LD_PRELOAD shim that lets the real xl (Debian xen-utils-4.17) run `xl -N create` on a
 * machine without Xen: it fakes only the handles and queries the config parser touches.
 * Everything else in xl and libxl runs untouched. Built by the conformance tests with gcc.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

static char dummy_handle[64];

void *xc_interface_open(void *logger, void *dombuild_logger, unsigned open_flags) { return dummy_handle; }
int xc_interface_close(void *xch) { return 0; }
void *xs_open(unsigned long flags) { return dummy_handle; }
void xs_close(void *xsh) { }
int xs_fileno(void *xsh) { return open("/dev/null", O_RDONLY); }
void *xenevtchn_open(void *logger, unsigned int flags) { return dummy_handle; }

/* xc_physinfo_t: threads_per_core, cores_per_socket, nr_cpus are its first three fields. */
int xc_physinfo(void *xch, void *info) {
  uint32_t fields[8] = { 1, 1, 1, 0, 1, 0, 0, 0 };
  memcpy(info, fields, sizeof fields); /* 32 bytes, no more */
  return 0;
}

int xc_get_max_cpus(void *xch) { return 1; }
int xc_get_max_nodes(void *xch) { return 1; }

/* XENVER_version (0) answers 4.17; string queries get an empty string. */
int xc_version(void *xch, int cmd, void *arg) {
  if (cmd == 0) return (4 << 16) | 17;
  if (arg) *(char *)arg = 0;
  return 0;
}

long xc_memory_op(void *xch, unsigned int cmd, void *arg, size_t len) { return 0; }
long xc_sharing_freed_pages(void *xch) { return 0; }
long xc_sharing_used_frames(void *xch) { return 0; }
