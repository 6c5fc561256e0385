#ifndef FAKELINUX_GRANT_TABLE_H
#define FAKELINUX_GRANT_TABLE_H
typedef uint32_t grant_ref_t;
#endif
