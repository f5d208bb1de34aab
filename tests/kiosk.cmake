# Classroom kiosk and projector modes (issue 6): game logic (pure C),
# the screens headless (SDL offscreen) and the real thing under Xvfb.
if(NOT TARGET PkgConfig::SODIUM)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET GLOBAL libsodium)
endif()
# app/core/kiosk.c hashes the kiosk PIN with libsodium; only its users
# (the SDL front end, these tests, the soak benchmark) link it.
target_link_libraries(quizdeck_ui PUBLIC PkgConfig::SODIUM)
target_include_directories(qdcore PRIVATE ${SODIUM_INCLUDE_DIRS})

qd_cmocka_test(test_kiosk ${CMAKE_CURRENT_SOURCE_DIR}/test_kiosk.c)
target_link_libraries(test_kiosk PRIVATE PkgConfig::SODIUM)

# The screens headless: SDL's offscreen driver, software renderer; frames
# kept as PNGs in tests/artifacts.
set(QD_KIOSK_ARTIFACTS ${CMAKE_BINARY_DIR}/tests/artifacts)
file(MAKE_DIRECTORY ${QD_KIOSK_ARTIFACTS})
add_executable(test_kiosk_ui ${CMAKE_CURRENT_SOURCE_DIR}/test_kiosk_ui.c)
target_link_libraries(test_kiosk_ui PRIVATE quizdeck_ui qdcore
                      PkgConfig::CMOCKA PkgConfig::SODIUM)
add_test(NAME test_kiosk_ui COMMAND test_kiosk_ui ${QD_KIOSK_ARTIFACTS})
set_tests_properties(test_kiosk_ui PROPERTIES TIMEOUT 240
  ENVIRONMENT "SDL_VIDEODRIVER=offscreen;SDL_RENDER_DRIVER=software")

# End to end under Xvfb with real input (xdotool); slow, so not in the
# sanitizer run.  The close button is pressed by a tiny X client.
pkg_check_modules(QD_X11 IMPORTED_TARGET x11)
if(QD_X11_FOUND)
  add_executable(test_kiosk_ui_wmclose
                 ${CMAKE_CURRENT_SOURCE_DIR}/test_kiosk_ui_wmclose.c)
  target_link_libraries(test_kiosk_ui_wmclose PRIVATE PkgConfig::QD_X11)
  add_test(NAME e2e_kiosk
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e_kiosk.sh
                   $<TARGET_FILE:quizdeck> $<TARGET_FILE:e2e_mkdb>
                   $<TARGET_FILE:test_kiosk_ui_wmclose> ${QD_KIOSK_ARTIFACTS})
  set_tests_properties(e2e_kiosk PROPERTIES LABELS nosan TIMEOUT 120
                       SKIP_RETURN_CODE 77)
endif()
add_test(NAME e2e_kiosk_present
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e_kiosk_present.sh
                 $<TARGET_FILE:quizdeck> $<TARGET_FILE:e2e_mkdb>
                 ${QD_KIOSK_ARTIFACTS})
set_tests_properties(e2e_kiosk_present PROPERTIES LABELS nosan TIMEOUT 120
                     SKIP_RETURN_CODE 77)
