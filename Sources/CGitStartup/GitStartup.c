// libgit2 1.5 as Debian builds it (mbedTLS for HTTPS, libssh2 for SSH) does work inside git_libgit2_init() that only
// its network transports need, and qik only ever reads local repositories:
// - it parses the whole system CA bundle (/etc/ssl/certs/ca-certificates.crt, ~140 PEM certificates): about 52
//   million instructions, more than all of `git ls-files -s` on a 20k-file repository;
// - it sets up mbedTLS's entropy pool, whose HAVEGE source spins a timing loop (about 0.23 ms), and seeds the random
//   generator from it;
// - it initialises libssh2, which fills OpenSSL's algorithm tables and error strings (about 0.33 ms).
// Every qik that opens a repository pays for these before it can read anything.
//
// libgit2 has no switch for any of it, so this file interposes the entry points libgit2 calls: the executable's
// definitions win the dynamic linker's symbol lookup over the libraries'. Only while qik_git_init_deferring() runs
// are calls recorded instead of executed; every other call goes straight to the library (found with
// dlsym(RTLD_NEXT)), and qik_git_finish_deferred_init() replays the recorded ones, in order, into the same
// structures. In a fully static link (install.sh) there is no library definition left to replay into: there the
// replay fails, which only a network transport (never used by qik) would notice.
//
// Where interposition does not apply (macOS two-level namespaces) nothing is recorded and behaviour is plain
// git_libgit2_init().
#if defined(__linux__)
#define _GNU_SOURCE
#endif

#include "CGitStartup.h"

#include <git2.h>

int qik_git_disable_strict_hash_verification(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

#if defined(__linux__)
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef int (*parse_fn)(void *chain, const char *path);
typedef void (*entropy_init_fn)(void *context);
typedef int (*entropy_fn)(void *data, unsigned char *output, size_t length);
typedef int (*seed_fn)(void *context, entropy_fn entropy, void *data, const unsigned char *custom, size_t length);
typedef int (*ssh_init_fn)(int flags);

enum deferred_kind { CERT_FILE, CERT_PATH, ENTROPY_INIT, DRBG_SEED, SSH_INIT };

struct deferred {
    enum deferred_kind kind;
    void *context;          // The chain, entropy or generator context; unused for SSH_INIT.
    char *path;             // CERT_*: a copy.
    entropy_fn entropy;     // DRBG_SEED.
    void *entropy_data;     // DRBG_SEED.
    unsigned char *custom;  // DRBG_SEED: a copy (may be NULL).
    size_t custom_length;   // DRBG_SEED.
    int flags;              // SSH_INIT.
};

#define MAX_DEFERRED 8
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int deferring = 0;
static struct deferred pending[MAX_DEFERRED];
static int pending_count = 0;

static void *real(const char *symbol) { return dlsym(RTLD_NEXT, symbol); }

/// Records `call` if init is running (and there is room); true when recorded.
static int record(struct deferred call) {
    pthread_mutex_lock(&lock);
    int recorded = deferring && pending_count < MAX_DEFERRED;
    if (recorded) pending[pending_count++] = call;
    pthread_mutex_unlock(&lock);
    return recorded;
}

/// Makes `call` for real, with the library's own definition; <0 when that cannot be found or the call fails.
static int call_library(const struct deferred *call) {
    switch (call->kind) {
    case CERT_FILE:
    case CERT_PATH: {
        parse_fn parse = (parse_fn)real(call->kind == CERT_FILE ? "mbedtls_x509_crt_parse_file" : "mbedtls_x509_crt_parse_path");
        return parse == NULL ? -1 : parse(call->context, call->path);
    }
    case ENTROPY_INIT: {
        entropy_init_fn init = (entropy_init_fn)real("mbedtls_entropy_init");
        if (init == NULL) return -1;
        init(call->context);
        return 0;
    }
    case DRBG_SEED: {
        seed_fn seed = (seed_fn)real("mbedtls_ctr_drbg_seed");
        return seed == NULL ? -1 : seed(call->context, call->entropy, call->entropy_data, call->custom, call->custom_length);
    }
    case SSH_INIT: {
        ssh_init_fn init = (ssh_init_fn)real("libssh2_init");
        return init == NULL ? -1 : init(call->flags);
    }
    }
    return -1;
}

static int parse_certificates(enum deferred_kind kind, void *chain, const char *path) {
    if (path != NULL && deferring) {
        char *copy = strdup(path);
        if (copy != NULL && record((struct deferred){ .kind = kind, .context = chain, .path = copy })) return 0;
        free(copy);
    }
    return call_library(&(struct deferred){ .kind = kind, .context = chain, .path = (char *)path });
}

int mbedtls_x509_crt_parse_file(void *chain, const char *path) { return parse_certificates(CERT_FILE, chain, path); }

int mbedtls_x509_crt_parse_path(void *chain, const char *path) { return parse_certificates(CERT_PATH, chain, path); }

void mbedtls_entropy_init(void *context) {
    struct deferred call = { .kind = ENTROPY_INIT, .context = context };
    if (!record(call)) call_library(&call);
}

int mbedtls_ctr_drbg_seed(void *context, entropy_fn entropy, void *data, const unsigned char *custom, size_t length) {
    struct deferred call = { .kind = DRBG_SEED, .context = context, .entropy = entropy, .entropy_data = data,
                             .custom = (unsigned char *)custom, .custom_length = length };
    if (deferring) {
        // The recorded call keeps a copy of `custom`: the caller's buffer need not outlive this call.
        unsigned char *copy = NULL;
        if (custom == NULL || length == 0 || (copy = malloc(length)) != NULL) {
            if (copy != NULL) memcpy(copy, custom, length);
            struct deferred kept = call;
            kept.custom = copy;
            kept.custom_length = copy != NULL ? length : 0;
            if (record(kept)) return 0;
            free(copy);
        }
    }
    return call_library(&call);
}

int libssh2_init(int flags) {
    struct deferred call = { .kind = SSH_INIT, .flags = flags };
    return record(call) ? 0 : call_library(&call);
}

int qik_git_init_deferring(void) {
    pthread_mutex_lock(&lock);
    deferring = 1;
    pthread_mutex_unlock(&lock);
    int result = git_libgit2_init();
    pthread_mutex_lock(&lock);
    deferring = 0;
    pthread_mutex_unlock(&lock);
    return result;
}

int qik_git_finish_deferred_init(void) {
    pthread_mutex_lock(&lock);
    int result = 0;
    for (int i = 0; i < pending_count; i++) {
        int code = call_library(&pending[i]);
        if (code < 0 && result == 0) result = code;
        free(pending[i].path);    // The copies `record` kept.
        free(pending[i].custom);
    }
    pending_count = 0;
    pthread_mutex_unlock(&lock);
    return result;
}

int qik_git_deferred_call_count(void) {
    pthread_mutex_lock(&lock);
    int count = pending_count;
    pthread_mutex_unlock(&lock);
    return count;
}
#else
int qik_git_init_deferring(void) { return git_libgit2_init(); }
int qik_git_finish_deferred_init(void) { return 0; }
int qik_git_deferred_call_count(void) { return 0; }
#endif
