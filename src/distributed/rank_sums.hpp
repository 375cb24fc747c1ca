#pragma once
// The collective operations of one run spread over the ranks of mpirun (distributed/
// mpi_session.hpp starts MPI): every rank holds the same state, computes the part of a sum or
// of a field that belongs to its share, and these calls combine the parts. Deterministic:
//   sum_over_ranks adds the ranks' parts one after the other in rank order, ((v_0 + v_1) +
//   v_2) + …, whatever MPI's algorithms: rank r owns the r-th of P slices of the vector,
//   receives every rank's part of it (MPI_Alltoallv), adds them in rank order and hands the
//   slice to all (MPI_Allgatherv). Every rank gets the same bits, a run on P ranks repeats
//   itself exactly, and each rank sends and receives 2(P − 1)/P of the vector — the volume
//   of a bandwidth-optimal allreduce (a reduce with a user operation, then a broadcast, took
//   3× as long for 8 MB between 2 processes).
// On one rank (or a build without MPI) every call is the identity and touches no MPI.

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/index_range.hpp"

namespace mf {

using RankShare = IndexRange;

/// Rank `rank`'s share of n items split over `ranks` in rank order, sizes differing by at most 1.
RankShare rank_share(long n, int rank, int ranks);

/// v[i] ← Σ_r v_r[i], the parts added in rank order; the same result on every rank.
void sum_over_ranks(double* v, long count);
double sum_over_ranks(double v);
long sum_over_ranks(long v);
/// The least of the ranks' values (exact: no rounding), on every rank.
double min_over_ranks(double v);
/// True on every rank when `flag` is true on any.
bool any_rank(bool flag);

/// Every rank's block to every rank: v holds Σ counts[r] doubles, rank r's block at offset
/// Σ_{q<r} counts[q]; on entry this rank's block is filled, on return all are.
void gather_blocks(double* v, const std::vector<long>& counts);

/// Every rank's string, in rank order, on rank 0 (empty elsewhere).
std::vector<std::string> gather_texts(const std::string& text);
/// Rank 0's string on every rank.
std::string broadcast_text(const std::string& text);
/// Calls `turn()` on rank 0, then rank 1, …, one after the other (a barrier between turns):
/// for writing one file in rank order. A turn's exception is rethrown after the last barrier,
/// so no rank is left waiting in one (wrap the call in together() to stop every rank).
template <class F>
void in_rank_order(F turn);
void rank_barrier();
int rank_of_this_process();
int ranks_of_this_run();
/// From now on this process runs by itself (rank 0 of 1) even under mpirun: a sweep's member
/// run on a rank.
void run_alone();

template <class F>
void in_rank_order(F turn) {
  const int ranks = ranks_of_this_run(), rank = rank_of_this_process();
  std::exception_ptr failure;  // a turn that throws still takes part in every barrier
  for (int r = 0; r < ranks; ++r) {
    if (r == rank) try {
        turn();
      } catch (...) {
        failure = std::current_exception();
      }
    rank_barrier();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace mf

namespace mf {

/// Thrown on ranks ≥ 1 when a step of every rank (together()) failed somewhere: rank 0
/// reports every rank's error, the other ranks end quietly.
struct OtherRankFailed : std::runtime_error {
  /// kind: what rank 0 throws (error_kind), so that every rank exits with its code.
  explicit OtherRankFailed(char error_kind) : std::runtime_error("another rank stopped; rank 0 reports why"), kind(error_kind) {}
  /// A case, mesh or input-file error: the program exits with code 2 on every rank.
  bool user_error() const { return kind == 'c' || kind == 'm' || kind == 'i'; }
  char kind;
};

/// What together() throws on rank 0 when other ranks failed with other messages than its own:
/// one line per distinct message, "rank r: …".
struct RankErrors : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The kind of a failure, for rank 0 to rethrow another rank's error as the same kind: 'c' a
/// case file (CaseError), 'm' a mesh (MeshError), 'i' an input file (InputError) — the user
/// errors that exit with code 2 — or 'r' anything else.
char error_kind(const std::exception& e);

/// The kind of error rank 0's report_rank_failures throws for these messages (error_kind's
/// letters; 'r' for RankErrors).
char reported_kind(const std::vector<std::string>& messages);

/// Rank 0's side of together(): rethrows its own failure when no rank failed otherwise; when
/// every failed rank failed with the same kind of user error, that kind with every rank's
/// distinct message; otherwise RankErrors with them. Each message starts with its error_kind.
[[noreturn]] void report_rank_failures(const std::exception_ptr& own, const std::vector<std::string>& messages);

/// Runs `step` on every rank, then agrees: if it threw anywhere, it throws everywhere — on
/// rank 0 its own exception, or RankErrors naming the ranks and their messages; on the other
/// ranks OtherRankFailed — so no rank goes on to a collective call the others never reach.
template <class F>
void together(F step) {
  std::exception_ptr failure;
  std::string message;
  try {
    step();
  } catch (const OtherRankFailed&) {  // a nested together(): rank 0 has the message already
    failure = std::current_exception();
  } catch (const std::exception& e) {
    failure = std::current_exception();
    message = error_kind(e) + std::string(*e.what() ? e.what() : "failed");
  } catch (...) {
    failure = std::current_exception();
    message = "rfailed";
  }
  if (!any_rank(failure != nullptr)) return;
  const std::vector<std::string> messages = gather_texts(message);
  const bool lead = rank_of_this_process() == 0;
  const std::string kind = broadcast_text(lead ? std::string(1, reported_kind(messages)) : std::string());
  if (lead) report_rank_failures(failure, messages);
  throw OtherRankFailed(kind.empty() ? 'r' : kind[0]);
}

}  // namespace mf
