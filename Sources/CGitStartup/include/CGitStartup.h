#ifndef QIK_CGITSTARTUP_H
#define QIK_CGITSTARTUP_H

/// Runs git_libgit2_init() while deferring what it sets up only for network transports: the CA-certificate parse,
/// mbedTLS's entropy and random generator, libssh2 (see GitStartup.c). Returns git_libgit2_init()'s result.
int qik_git_init_deferring(void);

/// Makes the deferred calls, in order, into the structures libgit2 gave; call before any network use of libgit2.
/// Returns 0 when nothing was deferred or every call succeeded, else the first error.
int qik_git_finish_deferred_init(void);

/// Turns off libgit2's re-hashing of every object it reads (GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION), which git
/// itself only does in fsck; ~30% of a tree-to-index diff. git_libgit2_opts is variadic, hence C.
int qik_git_disable_strict_hash_verification(void);

/// How many calls are deferred (0 where interposition does not apply). For tests.
int qik_git_deferred_call_count(void);

#endif
