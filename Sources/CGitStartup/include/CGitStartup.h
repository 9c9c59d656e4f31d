#ifndef QIK_CGITSTARTUP_H
#define QIK_CGITSTARTUP_H

/// Runs git_libgit2_init() while deferring the CA-certificate parsing that libgit2's mbedTLS backend does at init
/// (see GitStartup.c). Returns git_libgit2_init()'s result.
int qik_git_init_deferring_certificates(void);

/// Parses the certificates whose loading was deferred, into the chain libgit2 gave; call before any HTTPS use of
/// libgit2. Returns 0 when nothing was deferred or parsing succeeded, else mbedTLS's error code.
int qik_git_load_deferred_certificates(void);

/// Turns off libgit2's re-hashing of every object it reads (GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION), which git
/// itself only does in fsck; ~30% of a tree-to-index diff. git_libgit2_opts is variadic, hence C.
int qik_git_disable_strict_hash_verification(void);

/// How many certificate loads were deferred (0 with an OpenSSL or non-Linux libgit2). For tests.
int qik_git_deferred_certificate_count(void);

#endif
