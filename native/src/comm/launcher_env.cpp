// comm::launcher_info(): rank, size and a per-launch job id from the launcher's environment.
//   OpenMPI (mpirun, PMIx):  OMPI_COMM_WORLD_RANK/_SIZE, job id OMPI_MCA_ess_base_jobid (or PMIX_NAMESPACE)
//   MPICH hydra (PMI-1):     PMI_RANK/PMI_SIZE; hydra exports no job id, so it is the PMI kvs name
//                            asked once from the process manager over PMI_FD (init, get_my_kvsname;
//                            finalize at exit)
//   PMIx launchers:          PMIX_RANK (size from OMPI/PMI), job id PMIX_NAMESPACE
//   Slurm (srun):            SLURM_PROCID/SLURM_NTASKS, job id SLURM_JOB_ID.SLURM_STEP_ID
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>

#include "comm/backends.h"
#include "core/error.h"

namespace deeprc::comm {
namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

int env_int(const char* name, const std::string& value) {
  size_t used = 0;
  int v = -1;
  try {
    v = std::stoi(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || v < 0) throw_invalid("launcher variable " + std::string(name) + "='" + value + "' is not a non-negative integer");
  return v;
}

// One PMI-1 exchange over `fd`: writes `cmd`, reads the reply line byte by byte (so that nothing
// past it is consumed from a descriptor an MPI library may use later). Empty on failure.
std::string pmi_command(int fd, const std::string& cmd) {
  size_t done = 0;
  while (done < cmd.size()) {
    const ssize_t n = ::send(fd, cmd.data() + done, cmd.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return "";
    done += static_cast<size_t>(n);
  }
  std::string line;
  while (line.size() < 1024) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) return "";
    char c = 0;
    const ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return "";
    if (c == '\n') break;
    line.push_back(c);
  }
  return line;
}

// The PMI socket we initialised, identified by its inode so that the exit handler never writes
// to a descriptor that was closed (e.g. by MPI_Finalize) and reused.
struct PmiSession {
  int fd = -1;
  dev_t dev = 0;
  ino_t ino = 0;
};
PmiSession& pmi_session() {
  static PmiSession s;
  return s;
}

// Hydra treats a process that leaves without "cmd=finalize" as failed (and may drop its output),
// so finalize at exit, unless an MPI library took the socket over and already finalized.
void pmi_finalize_at_exit() {
  const PmiSession& s = pmi_session();
  struct stat st {};
  if (s.fd < 0 || ::fstat(s.fd, &st) != 0 || st.st_dev != s.dev || st.st_ino != s.ino) return;
  pmi_command(s.fd, "cmd=finalize\n");
}

// Asks a PMI-1 process manager (MPICH hydra) for this job's kvs name over the inherited PMI_FD:
// "cmd=init", then "cmd=get_my_kvsname" (reply "cmd=my_kvsname kvsname=kvs_<pid>_..."); an MPI
// library initialising PMI afterwards works (hydra accepts a second init). Empty on any failure.
std::string pmi_kvsname() {
  static std::mutex mu;
  static std::string cached_fd, cached_name;  // a successful answer, per descriptor
  const auto fd_text = env("PMI_FD");
  if (!fd_text) return "";
  std::lock_guard lock(mu);
  if (*fd_text == cached_fd && !cached_name.empty()) return cached_name;
  int fd = -1;
  try {
    fd = std::stoi(*fd_text);
  } catch (const std::exception&) {
    return "";
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return "";
  const std::string init = pmi_command(fd, "cmd=init pmi_version=1 pmi_subversion=1\n");
  if (init.rfind("cmd=response_to_init", 0) != 0 || init.find("rc=0") == std::string::npos) return "";
  PmiSession& session = pmi_session();
  if (session.fd < 0) std::atexit(&pmi_finalize_at_exit);
  session = PmiSession{fd, st.st_dev, st.st_ino};
  const std::string line = pmi_command(fd, "cmd=get_my_kvsname\n");
  const std::string tag = "kvsname=";
  const size_t at = line.find(tag);
  if (line.rfind("cmd=my_kvsname", 0) != 0 || at == std::string::npos) return "";
  std::string name = line.substr(at + tag.size());
  name = name.substr(0, name.find(' '));
  cached_fd = *fd_text;
  cached_name = name;
  return name;
}

}  // namespace

LauncherInfo launcher_info() {
  LauncherInfo info;
  std::optional<std::string> rank, size;
  const char* rank_var = nullptr;
  const char* size_var = nullptr;
  const auto pick = [&](const char* r, const char* s) {
    if (rank) return;
    if (auto v = env(r)) {
      rank = v;
      rank_var = r;
      if (s != nullptr) {
        if (auto w = env(s)) {
          size = w;
          size_var = s;
        }
      }
    }
  };
  pick("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE");
  pick("PMI_RANK", "PMI_SIZE");
  pick("PMIX_RANK", nullptr);
  pick("SLURM_PROCID", "SLURM_NTASKS");
  if (!rank)
    throw_invalid(
        "no launcher rank in the environment (looked at OMPI_COMM_WORLD_RANK, PMI_RANK, PMIX_RANK, SLURM_PROCID); "
        "start under mpirun / mpiexec / srun or give rank and size explicitly");
  if (!size) {
    for (const char* s : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_NTASKS"})
      if (auto w = env(s)) {
        size = w;
        size_var = s;
        break;
      }
  }
  if (!size)
    throw_invalid(std::string("the launcher sets ") + rank_var +
                  " but no size (looked at OMPI_COMM_WORLD_SIZE, PMI_SIZE, SLURM_NTASKS)");
  info.rank = env_int(rank_var, *rank);
  info.size = env_int(size_var, *size);
  if (info.size < 1 || info.rank >= info.size)
    throw_invalid(std::string("launcher rank ") + rank_var + "=" + *rank + " is not below size " + size_var + "=" +
                  *size);

  if (auto ompi = env("OMPI_MCA_ess_base_jobid")) {
    info.job_id = "ompi-" + *ompi;
  } else if (auto ns = env("PMIX_NAMESPACE")) {
    info.job_id = "pmix-" + *ns;
  } else if (auto j = env("SLURM_JOB_ID")) {
    info.job_id = "slurm-" + *j + "." + env("SLURM_STEP_ID").value_or("0");
  } else if (std::string kvs = pmi_kvsname(); !kvs.empty()) {
    info.job_id = "pmi-" + kvs;
  } else {
    throw_invalid(std::string("the launcher sets ") + rank_var +
                  " but no job id was found (looked at OMPI_MCA_ess_base_jobid, PMIX_NAMESPACE, SLURM_JOB_ID and "
                  "the PMI kvs name over PMI_FD); give the store and prefix explicitly");
  }
  return info;
}

}  // namespace deeprc::comm
