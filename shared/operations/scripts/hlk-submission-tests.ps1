param($p)
# The project as a submission sees it: Project.GetTests(), each test's Status and AreFiltersApplied (HLK's
# filters turned a known failure into an accepted one), and whether a playlist is loaded (IsPlaylistLoaded).
# With a playlist loaded the project shows only the tests it selects. PlaylistManager's
# GetTestsFromProjectThatMatchPlaylist needs the Playlist object, and the object model does not say which
# file was loaded, so the tests the project shows are the playlist's selection.
# https://learn.microsoft.com/windows-hardware/test/hlk/api/test-arefiltersapplied-property
# https://learn.microsoft.com/windows-hardware/test/hlk/api/playlistmanager-isplaylistloaded-method
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $project = Get-HlkProject $manager ([string]$p.project) $server
    $playlists = New-Object Microsoft.Windows.Kits.Hardware.ObjectModel.PlaylistManager -ArgumentList $project
    $loaded = [bool]$playlists.IsPlaylistLoaded()
    $tests = [System.Collections.Generic.List[object]]::new()
    foreach ($test in @($project.GetTests())) {
        $tests.Add([ordered]@{
            name           = [string]$test.Name
            status         = [string]$test.Status
            filtersApplied = [bool]$test.AreFiltersApplied
        })
    }
    [ordered]@{ project = [string]$project.Name; playlistLoaded = $loaded; tests = @($tests) }
}
