/* The XenBus calls of the sound frontend's configuration reader, served from a tree in memory (reader.c). */
#ifndef FAKELINUX_XENBUS_H
#define FAKELINUX_XENBUS_H
struct xenbus_transaction { u32 id; };
#define XBT_NIL ((struct xenbus_transaction) { 0 })

struct xenbus_device {
  const char *nodename;
  struct device dev;
};

void *xenbus_read(struct xenbus_transaction t, const char *dir, const char *node, unsigned int *len);
int xenbus_exists(struct xenbus_transaction t, const char *dir, const char *node);
unsigned int xenbus_read_unsigned(const char *dir, const char *node, unsigned int default_val);
#endif
