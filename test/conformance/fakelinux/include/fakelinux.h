/*
 * The kernel API that Linux's sound/xen/xen_snd_front_cfg.c calls, for compiling that file
 * unchanged in user space (see reader.c). Force-included before every header (-include).
 * Our own code: the kernel file itself is extracted from Debian's linux-source package at
 * test time and never stored in this repository.
 */
#ifndef FAKELINUX_H
#define FAKELINUX_H
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <errno.h>
#include <stdbool.h>
#include <sys/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#define GFP_KERNEL 0
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* include/linux/err.h: error numbers travel in the top page of pointer values. */
#define MAX_ERRNO 4095
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr) { return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO; }

struct device { int unused; };

char *kasprintf(int gfp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *devm_kasprintf(struct device *dev, int gfp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *devm_kcalloc(struct device *dev, size_t n, size_t size, int gfp);
void kfree(const void *p);
ssize_t strscpy(char *dest, const char *src, size_t count);
/* lib/string.c strncasecmp with lib/ctype.c's Latin-1 tolower, not the C library's. */
int kernel_strncasecmp(const char *s1, const char *s2, size_t len);
#define strncasecmp kernel_strncasecmp

void fakelinux_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define dev_warn(dev, ...) fakelinux_log(__VA_ARGS__)
#define dev_err(dev, ...) fakelinux_log(__VA_ARGS__)
#define dev_info(dev, ...) fakelinux_log(__VA_ARGS__)
#endif
