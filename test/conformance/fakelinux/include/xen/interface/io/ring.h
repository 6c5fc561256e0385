/* sndif.h's shared-ring declarations are not used by the configuration reader. */
#ifndef FAKELINUX_RING_H
#define FAKELINUX_RING_H
#define DEFINE_RING_TYPES(name, request, response) struct name##_unused_ring { int unused; }
#endif
