/*
 * Runs the Linux sound frontend's configuration reader (sound/xen/xen_snd_front_cfg.c, included
 * below from the directory the test extracted it to) on XenStore trees read from stdin, and
 * prints what it configured as one JSON line per card. Our part is the kernel API it calls,
 * with the kernel's semantics: xenbus_read and xenbus_exists on the tree (a node exists when
 * it was written or lies above a written node, as in XenStore), xenbus_read_unsigned through
 * the kernel's vsscanf("%u"), strncasecmp with the kernel's ctype, strscpy, kasprintf and
 * device-managed allocation (sized exactly, so AddressSanitizer sees any overrun).
 *
 * Input lines: `T` starts a tree, `N <path hex> <value hex or ->` adds a node, `C <path hex>`
 * reads the card at that path (xb_dev->nodename) and prints the result.
 */
#include "fakelinux.h"
#include <xen/xenbus.h>

struct node { char *path; char *value; size_t len; };
static struct node *nodes;
static size_t node_count, node_capacity;
static char *last_type_path;

void fakelinux_log(const char *fmt, ...) { (void)fmt; }

static char *vkasprintf(const char *fmt, va_list ap) {
  char *out = NULL;
  return vasprintf(&out, fmt, ap) < 0 ? NULL : out;
}

char *kasprintf(int gfp, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *out = vkasprintf(fmt, ap);
  va_end(ap);
  return out;
}

/* Device-managed memory lives as long as the device: here, until the process ends. */
char *devm_kasprintf(struct device *dev, int gfp, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *out = vkasprintf(fmt, ap);
  va_end(ap);
  return out;
}

void *devm_kcalloc(struct device *dev, size_t n, size_t size, int gfp) { return calloc(n, size); }
void kfree(const void *p) { free((void *)p); }

ssize_t strscpy(char *dest, const char *src, size_t count) {
  size_t i;
  if (count == 0) return -E2BIG;
  for (i = 0; i < count - 1 && src[i]; i++) dest[i] = src[i];
  dest[i] = 0;
  return src[i] ? -E2BIG : (ssize_t)i;
}

/* lib/ctype.c: A-Z and Latin-1 0xC0-0xDE except 0xD7 are upper case. */
static unsigned char kernel_tolower(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7)) return c + 32;
  return c;
}

int kernel_strncasecmp(const char *s1, const char *s2, size_t len) {
  unsigned char c1, c2;
  if (!len) return 0;
  do {
    c1 = *s1++;
    c2 = *s2++;
    if (!c1 || !c2) break;
    if (c1 == c2) continue;
    c1 = kernel_tolower(c1);
    c2 = kernel_tolower(c2);
    if (c1 != c2) break;
  } while (--len);
  return (int)c1 - (int)c2;
}

/* lib/ctype.c isspace: \t \n \v \f \r, space and Latin-1 0xA0. */
static bool kernel_isspace(unsigned char c) { return (c >= 9 && c <= 13) || c == ' ' || c == 0xa0; }

/*
 * lib/vsprintf.c vsscanf with the format "%u": an empty input converts nothing; blanks are
 * skipped; a decimal digit must follow (no sign); digits are read with simple_strntoull
 * (unsigned long long, wrapping), and the result is stored in an unsigned int.
 */
static int kernel_scan_unsigned(const char *str, unsigned int *out) {
  unsigned long long value = 0;
  if (!*str) return 0;
  while (kernel_isspace((unsigned char)*str)) str++;
  if (!(*str >= '0' && *str <= '9')) return 0;
  while (*str >= '0' && *str <= '9') value = value * 10 + (unsigned)(*str++ - '0');
  *out = (unsigned int)value;
  return 1;
}

static char *join(const char *dir, const char *name) {
  return strlen(name) == 0 ? kasprintf(GFP_KERNEL, "%s", dir) : kasprintf(GFP_KERNEL, "%s/%s", dir, name);
}

/* The written node at `path`, or NULL; *exists tells whether the node exists at all. */
static struct node *lookup(const char *path, bool *exists) {
  size_t n = strlen(path);
  *exists = false;
  for (size_t i = 0; i < node_count; i++) {
    if (strcmp(nodes[i].path, path) == 0) { *exists = true; return &nodes[i]; }
    if (strncmp(nodes[i].path, path, n) == 0 && nodes[i].path[n] == '/') *exists = true;
  }
  return NULL;
}

void *xenbus_read(struct xenbus_transaction t, const char *dir, const char *node, unsigned int *len) {
  char *path = join(dir, node);
  bool exists;
  struct node *found = lookup(path, &exists);
  if (strcmp(node, "type") == 0) {
    free(last_type_path);
    last_type_path = strdup(path);
  }
  free(path);
  if (!exists) return ERR_PTR(-ENOENT);
  size_t size = found ? found->len : 0;
  char *copy = malloc(size + 1);
  if (size) memcpy(copy, found->value, size);
  copy[size] = 0;
  if (len) *len = (unsigned int)size;
  return copy;
}

int xenbus_exists(struct xenbus_transaction t, const char *dir, const char *node) {
  char *path = join(dir, node);
  bool exists;
  lookup(path, &exists);
  free(path);
  return exists;
}

unsigned int xenbus_read_unsigned(const char *dir, const char *node, unsigned int default_val) {
  unsigned int value;
  char *text = xenbus_read(XBT_NIL, dir, node, NULL);
  if (IS_ERR(text)) return default_val;
  int converted = kernel_scan_unsigned(text, &value);
  kfree(text);
  return converted > 0 ? value : default_val;
}

#include "xen_snd_front_cfg.c"

static void print_bytes(const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  putchar('"');
  for (size_t i = 0; i < n; i++) {
    putchar(hex[(unsigned char)s[i] >> 4]);
    putchar(hex[(unsigned char)s[i] & 15]);
  }
  putchar('"');
}

/* Formats and rates by the reader's own tables, so no name is translated by us. */
static void print_hw(const struct snd_pcm_hardware *hw) {
  u64 formats_left = hw->formats;
  unsigned int rates_left = hw->rates & ~SNDRV_PCM_RATE_CONTINUOUS;
  printf("{\"formats\":[");
  for (size_t i = 0, first = 1; i < ARRAY_SIZE(CFG_HW_SUPPORTED_FORMATS); i++) {
    if (!(hw->formats & CFG_HW_SUPPORTED_FORMATS[i].mask)) continue;
    printf("%s\"%s\"", first ? "" : ",", CFG_HW_SUPPORTED_FORMATS[i].name);
    formats_left &= ~CFG_HW_SUPPORTED_FORMATS[i].mask;
    first = 0;
  }
  printf("],\"rates\":[");
  for (size_t i = 0, first = 1; i < ARRAY_SIZE(CFG_HW_SUPPORTED_RATES); i++) {
    if (!(hw->rates & CFG_HW_SUPPORTED_RATES[i].mask)) continue;
    printf("%s%u", first ? "" : ",", CFG_HW_SUPPORTED_RATES[i].value);
    rates_left &= ~CFG_HW_SUPPORTED_RATES[i].mask;
    first = 0;
  }
  printf("],\"otherFormatBits\":%llu,\"otherRateBits\":%u,\"continuous\":%s,\"rateMin\":%u,\"rateMax\":%u,"
         "\"channelsMin\":%u,\"channelsMax\":%u,\"bufferBytesMax\":%zu,\"periodBytesMin\":%zu,\"periodBytesMax\":%zu,"
         "\"periodsMin\":%u,\"periodsMax\":%u}",
         (unsigned long long)formats_left, rates_left, hw->rates & SNDRV_PCM_RATE_CONTINUOUS ? "true" : "false",
         hw->rate_min, hw->rate_max, hw->channels_min, hw->channels_max, hw->buffer_bytes_max,
         hw->period_bytes_min, hw->period_bytes_max, hw->periods_min, hw->periods_max);
}

static void print_streams(const char *key, const struct xen_front_cfg_stream *streams, int n) {
  printf(",\"%s\":[", key);
  for (int i = 0; i < n; i++) {
    printf("%s{\"index\":%d,\"path\":", i ? "," : "", streams[i].index);
    print_bytes(streams[i].xenstore_path, strlen(streams[i].xenstore_path));
    printf(",\"hw\":");
    print_hw(&streams[i].pcm_hw);
    printf("}");
  }
  printf("]");
}

static void read_card(const char *nodename) {
  struct xenbus_device xb_dev = { .nodename = nodename };
  struct xen_snd_front_info info = { .xb_dev = &xb_dev };
  int stream_cnt = 0;
  free(last_type_path);
  last_type_path = NULL;
  int ret = xen_snd_front_cfg_card(&info, &stream_cnt);
  printf("{\"ret\":%d,\"streamCount\":%d,\"lastTypePath\":", ret, stream_cnt);
  if (last_type_path) print_bytes(last_type_path, strlen(last_type_path));
  else printf("null");
  if (ret != -ENODEV) {
    printf(",\"card\":");
    print_hw(&info.cfg.pcm_hw);
  }
  printf(",\"devices\":[");
  for (int i = 0; ret == 0 && i < info.cfg.num_pcm_instances; i++) {
    const struct xen_front_cfg_pcm_instance *d = &info.cfg.pcm_instances[i];
    printf("%s{\"id\":%d,\"name\":", i ? "," : "", d->device_id);
    print_bytes(d->name, strlen(d->name));
    printf(",\"hw\":");
    print_hw(&d->pcm_hw);
    print_streams("playback", d->streams_pb, d->num_streams_pb);
    print_streams("capture", d->streams_cap, d->num_streams_cap);
    printf("}");
  }
  printf("]}\n");
}

static size_t unhex(const char *hex, char *out) {
  size_t n = 0;
  if (strcmp(hex, "-") == 0) return 0;
  for (; hex[0] && hex[1]; hex += 2) {
    unsigned int byte;
    sscanf(hex, "%2x", &byte);
    out[n++] = (char)byte;
  }
  return n;
}

int main(void) {
  static char line[1 << 20];
  static char a[1 << 19], b[1 << 19];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    if (line[0] == 'T') {
      node_count = 0; /* the previous tree's nodes are left to the process's end */
    } else if (line[0] == 'N') {
      char *value = strchr(line + 2, ' ');
      if (!value) return 2;
      *value++ = 0;
      size_t plen = unhex(line + 2, a);
      size_t vlen = unhex(value, b);
      if (node_count == node_capacity) {
        node_capacity = node_capacity ? node_capacity * 2 : 256;
        nodes = realloc(nodes, node_capacity * sizeof *nodes);
      }
      nodes[node_count].path = strndup(a, plen);
      nodes[node_count].value = malloc(vlen + 1);
      memcpy(nodes[node_count].value, b, vlen);
      nodes[node_count].len = vlen;
      node_count++;
    } else if (line[0] == 'C') {
      size_t plen = unhex(line + 2, a);
      a[plen] = 0;
      read_card(a);
    } else {
      return 2;
    }
  }
  return 0;
}
