# Prediction quality of FSRS-6 (default / fitted params) and SM-2 on a real
# review history: ./build/bench/fsrs_quality [CSV] [--params JSON] [--fit]
if(NOT TARGET PkgConfig::QD_FSRS_BENCH_JANSSON)
  pkg_check_modules(QD_FSRS_BENCH_JANSSON REQUIRED IMPORTED_TARGET jansson)
endif()
add_executable(fsrs_quality ${CMAKE_CURRENT_SOURCE_DIR}/fsrs_quality.c)
target_link_libraries(fsrs_quality PRIVATE qdcore PkgConfig::QD_FSRS_BENCH_JANSSON)
target_compile_definitions(fsrs_quality PRIVATE
  QD_BENCH_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data")
