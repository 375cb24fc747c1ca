#include "distributed/rank_sums.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

#include "distributed/mpi_session.hpp"
#include "io/input_error.hpp"
#include "io/toml_reader.hpp"
#include "mesh/sphere_mesh.hpp"

#ifdef MEASUREFLOW_HAVE_MPI
#include <mpi.h>
#endif

namespace mf {

RankShare rank_share(long n, int rank, int ranks) {
  const long base = n / ranks, extra = n % ranks;
  RankShare s;
  s.begin = rank * base + std::min<long>(rank, extra);
  s.end = s.begin + base + (rank < extra ? 1 : 0);
  return s;
}

namespace {
bool& alone() {
  static bool value = false;
  return value;
}
}  // namespace

int rank_of_this_process() { return alone() ? 0 : mpi_rank(); }
int ranks_of_this_run() { return alone() ? 1 : mpi_size(); }
void run_alone() { alone() = true; }

#ifdef MEASUREFLOW_HAVE_MPI

namespace {

constexpr long kChunk = std::numeric_limits<int>::max() / 2;  // MPI counts are int

// Slice r of n items: [n·r/P, n·(r + 1)/P).
int slice_begin(int n, int r, int ranks) {
  return static_cast<int>(static_cast<long long>(n) * r / ranks);
}

}  // namespace

void sum_over_ranks(double* v, long count) {
  const int ranks = ranks_of_this_run(), rank = rank_of_this_process();
  if (ranks == 1) return;
  const auto P = static_cast<std::size_t>(ranks);
  std::vector<int> counts(P), at(P), part_counts(P), part_at(P);
  static std::vector<double> parts;  // every rank's part of this rank's slice, rank after rank
  for (long offset = 0; offset < count; offset += kChunk) {
    const int n = static_cast<int>(std::min(kChunk, count - offset));
    for (int r = 0; r < ranks; ++r) {
      at[static_cast<std::size_t>(r)] = slice_begin(n, r, ranks);
      counts[static_cast<std::size_t>(r)] = slice_begin(n, r + 1, ranks) - slice_begin(n, r, ranks);
    }
    const int mine = counts[static_cast<std::size_t>(rank)];
    for (int r = 0; r < ranks; ++r) {
      part_counts[static_cast<std::size_t>(r)] = mine;
      part_at[static_cast<std::size_t>(r)] = r * mine;
    }
    parts.resize(P * static_cast<std::size_t>(mine));
    double* chunk = v + offset;
    MPI_Alltoallv(chunk, counts.data(), at.data(), MPI_DOUBLE, parts.data(), part_counts.data(), part_at.data(),
                  MPI_DOUBLE, MPI_COMM_WORLD);
    double* slice = chunk + at[static_cast<std::size_t>(rank)];
    for (int i = 0; i < mine; ++i) {
      double s = parts[static_cast<std::size_t>(i)];
      for (std::size_t r = 1; r < P; ++r) s += parts[r * static_cast<std::size_t>(mine) + static_cast<std::size_t>(i)];
      slice[i] = s;
    }
    MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, chunk, counts.data(), at.data(), MPI_DOUBLE, MPI_COMM_WORLD);
  }
}

long sum_over_ranks(long v) {
  if (ranks_of_this_run() == 1) return v;
  long total = 0;
  MPI_Allreduce(&v, &total, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);  // integers: exact in any order
  return total;
}

double min_over_ranks(double v) {
  if (ranks_of_this_run() == 1) return v;
  double least = 0.0;
  MPI_Allreduce(&v, &least, 1, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
  return least;
}

bool any_rank(bool flag) {
  if (ranks_of_this_run() == 1) return flag;
  int mine = flag ? 1 : 0, any = 0;
  MPI_Allreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return any != 0;
}

void gather_blocks(double* v, const std::vector<long>& counts) {
  const int ranks = ranks_of_this_run();
  if (ranks == 1) return;
  if (static_cast<int>(counts.size()) != ranks) throw std::logic_error("gather_blocks: one count per rank");
  std::vector<int> n(static_cast<std::size_t>(ranks)), at(static_cast<std::size_t>(ranks));
  long offset = 0;
  for (int r = 0; r < ranks; ++r) {
    if (counts[static_cast<std::size_t>(r)] > kChunk || offset > kChunk)
      throw std::runtime_error("a field of more than 10^9 doubles cannot be gathered over MPI in one piece");
    n[static_cast<std::size_t>(r)] = static_cast<int>(counts[static_cast<std::size_t>(r)]);
    at[static_cast<std::size_t>(r)] = static_cast<int>(offset);
    offset += counts[static_cast<std::size_t>(r)];
  }
  MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, v, n.data(), at.data(), MPI_DOUBLE, MPI_COMM_WORLD);
}

std::string broadcast_text(const std::string& text) {
  if (ranks_of_this_run() == 1) return text;
  int size = static_cast<int>(text.size());
  MPI_Bcast(&size, 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string out = rank_of_this_process() == 0 ? text : std::string(static_cast<std::size_t>(size), '\0');
  if (size > 0) MPI_Bcast(out.data(), size, MPI_CHAR, 0, MPI_COMM_WORLD);
  return out;
}

void rank_barrier() {
  if (ranks_of_this_run() > 1) MPI_Barrier(MPI_COMM_WORLD);
}

std::vector<std::string> gather_texts(const std::string& text) {
  const int ranks = ranks_of_this_run(), rank = rank_of_this_process();
  if (ranks == 1) return {text};
  int size = static_cast<int>(text.size());
  std::vector<int> sizes(static_cast<std::size_t>(ranks)), at(sizes.size());
  MPI_Gather(&size, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  int total = 0;
  for (int r = 0; r < ranks; ++r) at[static_cast<std::size_t>(r)] = total, total += sizes[static_cast<std::size_t>(r)];
  std::string all(static_cast<std::size_t>(rank == 0 ? total : 0), '\0');
  MPI_Gatherv(text.data(), size, MPI_CHAR, all.data(), sizes.data(), at.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  std::vector<std::string> texts;
  if (rank == 0)
    for (int r = 0; r < ranks; ++r)
      texts.push_back(all.substr(static_cast<std::size_t>(at[static_cast<std::size_t>(r)]),
                                 static_cast<std::size_t>(sizes[static_cast<std::size_t>(r)])));
  return texts;
}

#else

void sum_over_ranks(double*, long) {}
long sum_over_ranks(long v) { return v; }
double min_over_ranks(double v) { return v; }
bool any_rank(bool flag) { return flag; }
void gather_blocks(double*, const std::vector<long>&) {}
std::string broadcast_text(const std::string& text) { return text; }
void rank_barrier() {}
std::vector<std::string> gather_texts(const std::string& text) { return {text}; }

#endif

char error_kind(const std::exception& e) {
  if (dynamic_cast<const CaseError*>(&e)) return 'c';
  if (dynamic_cast<const MeshError*>(&e)) return 'm';
  if (dynamic_cast<const InputError*>(&e)) return 'i';
  return 'r';
}

namespace {
// One line per distinct message ("rank r: …", the kind letter cut off) and the kind every failed
// rank shares ('r' when they differ).
std::pair<std::string, char> failure_report(const std::vector<std::string>& messages, std::size_t* distinct_count) {
  std::vector<std::string> distinct;
  std::string lines;
  char kind = 0;
  for (std::size_t r = 0; r < messages.size(); ++r) {
    if (messages[r].empty()) continue;  // no failure, or a nested together()'s (rank 0 has it)
    kind = kind == 0 || kind == messages[r][0] ? messages[r][0] : 'r';
    const std::string text = messages[r].substr(1);
    if (std::find(distinct.begin(), distinct.end(), text) != distinct.end()) continue;
    distinct.push_back(text);
    lines += (lines.empty() ? "" : "\n  ") + std::string("rank ") + std::to_string(r) + ": " + text;
  }
  if (distinct_count) *distinct_count = distinct.size();
  return {lines, kind == 0 ? 'r' : kind};
}
}  // namespace

char reported_kind(const std::vector<std::string>& messages) { return failure_report(messages, nullptr).second; }

void report_rank_failures(const std::exception_ptr& own, const std::vector<std::string>& messages) {
  std::size_t distinct = 0;
  const auto [lines, kind] = failure_report(messages, &distinct);
  if (own && distinct == 1) std::rethrow_exception(own);  // every failed rank says what rank 0 says
  if (kind == 'c') throw CaseError(lines);
  if (kind == 'm') throw MeshError(lines);
  if (kind == 'i') throw InputError(lines);
  throw RankErrors(lines);
}

double sum_over_ranks(double v) {
  sum_over_ranks(&v, 1);
  return v;
}

}  // namespace mf
