/*
 * GSSAPI stand-ins for linking libgit2 statically (install.sh, release builds only).
 *
 * Debian's libgit2 supports HTTP "Negotiate" authentication through GSSAPI (Kerberos), and there is no static
 * Kerberos library to link. qik never fetches or pushes over HTTP, so libgit2's negotiate code is unreachable;
 * these definitions satisfy the linker and fail cleanly if it were ever called. Linking libgit2 statically drops
 * twenty shared libraries (Kerberos, OpenSSL, mbedTLS, libssh2…) from every qik start: about 3.5 ms per run,
 * which hooks and CI steps pay on every invocation.
 */
#include <stdint.h>

typedef uint32_t OM_uint32;
#define QIK_GSS_S_FAILURE ((OM_uint32)(13ul << 16))

void *GSS_C_NT_HOSTBASED_SERVICE = 0;

static OM_uint32 qik_gss_fail(OM_uint32 *minor) { if (minor) *minor = 0; return QIK_GSS_S_FAILURE; }
static OM_uint32 qik_gss_ok(OM_uint32 *minor) { if (minor) *minor = 0; return 0; }

OM_uint32 gss_display_status(OM_uint32 *minor, ...) { return qik_gss_fail(minor); }
OM_uint32 gss_import_name(OM_uint32 *minor, ...) { return qik_gss_fail(minor); }
OM_uint32 gss_init_sec_context(OM_uint32 *minor, ...) { return qik_gss_fail(minor); }
OM_uint32 gss_indicate_mechs(OM_uint32 *minor, ...) { return qik_gss_fail(minor); }
OM_uint32 gss_release_buffer(OM_uint32 *minor, ...) { return qik_gss_ok(minor); }
OM_uint32 gss_delete_sec_context(OM_uint32 *minor, ...) { return qik_gss_ok(minor); }
OM_uint32 gss_release_name(OM_uint32 *minor, ...) { return qik_gss_ok(minor); }
OM_uint32 gss_release_oid_set(OM_uint32 *minor, ...) { return qik_gss_ok(minor); }
