/* The two fields of struct xen_snd_front_info that the configuration reader uses. */
#ifndef FAKELINUX_XEN_SND_FRONT_H
#define FAKELINUX_XEN_SND_FRONT_H
#include "xen_snd_front_cfg.h"
struct xen_snd_front_info {
  struct xenbus_device *xb_dev;
  struct xen_front_cfg_card cfg;
};
#endif
