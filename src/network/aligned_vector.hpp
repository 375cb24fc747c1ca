#pragma once
// std::vector on cache-line-aligned storage. The fused kernels load whole 64-byte vectors of
// the packed data; from malloc's 16-byte alignment every such load would straddle two cache
// lines (an extra load each, measured as a third of the ReLU backward pass at d = 101).

#include <cstddef>
#include <new>
#include <vector>

namespace mf {

template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};

  CacheLineAllocator() = default;
  template <class U>
  constexpr CacheLineAllocator(const CacheLineAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlignment)); }
  void deallocate(T* p, std::size_t n) noexcept { ::operator delete(p, n * sizeof(T), kAlignment); }

  template <class U>
  bool operator==(const CacheLineAllocator<U>&) const noexcept {
    return true;
  }
};

template <class T>
using AlignedVector = std::vector<T, CacheLineAllocator<T>>;

}  // namespace mf
