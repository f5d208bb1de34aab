# Classroom kiosk and projector modes (issue 6): game logic (pure C),
# the screens headless (SDL offscreen) and the real thing under Xvfb.
if(NOT TARGET PkgConfig::SODIUM)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET GLOBAL libsodium)
endif()
# app/core/kiosk.c hashes the kiosk PIN with libsodium; only its users
# (the SDL front end, these tests, the soak benchmark) link it.
target_link_libraries(quizdeck_ui PUBLIC PkgConfig::SODIUM)

qd_cmocka_test(test_kiosk ${CMAKE_CURRENT_SOURCE_DIR}/test_kiosk.c)
target_link_libraries(test_kiosk PRIVATE PkgConfig::SODIUM)
