#ifndef __RESOURCE_dc_resources_H__
#define __RESOURCE_dc_resources_H__

#include <gio/gio.h>

extern GResource *dc_resources_get_resource (void);
#endif
