/* daicho: an information asset register (情報資産台帳) in one SQLite file. */
#pragma once
#include "dc-error.h"
#include "dc-date.h"
#include "dc-text.h"
#include "dc-store.h"
#include "dc-snapshot.h"
#include "dc-history.h"
#include "dc-scheme.h"
#include "dc-record.h"
#include "dc-register.h"
#include "dc-post.h"
#include "dc-asset.h"
#include "dc-asof.h"
