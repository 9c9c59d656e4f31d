#ifndef QIK_CLIBGIT2_SHIM_H
#define QIK_CLIBGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/repository.h>
#endif
