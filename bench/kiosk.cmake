# Classroom kiosk soak: weeks of use on a simulated clock, real screens
# offscreen.  ./build/bench/kiosk_soak [--questions 100000] [--every 10000]
if(NOT TARGET PkgConfig::SODIUM)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET GLOBAL libsodium)
endif()
add_executable(kiosk_soak ${CMAKE_CURRENT_SOURCE_DIR}/kiosk_soak.c)
target_link_libraries(kiosk_soak PRIVATE quizdeck_ui qdcore PkgConfig::SODIUM)
