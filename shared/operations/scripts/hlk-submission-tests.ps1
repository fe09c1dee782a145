param($p)
# The project as a submission sees it: Project.GetTests() (every test its targets bring in), the ones the
# loaded playlist selects (PlaylistManager.GetTestsFromProjectThatMatchPlaylist), each test's Status and
# AreFiltersApplied (HLK's filters turned a known failure into an accepted one).
# https://learn.microsoft.com/windows-hardware/test/hlk/api/test-arefiltersapplied-property
# https://learn.microsoft.com/windows-hardware/test/hlk/api/playlistmanager-class
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $project = Get-HlkProject $manager ([string]$p.project) $server
    $playlists = New-Object Microsoft.Windows.Kits.Hardware.ObjectModel.PlaylistManager -ArgumentList $project
    $loaded = [bool]$playlists.IsPlaylistLoaded()
    $selected = @{}
    if ($loaded) { foreach ($test in @($playlists.GetTestsFromProjectThatMatchPlaylist())) { $selected[[string]$test.Id] = $true } }
    $tests = [System.Collections.Generic.List[object]]::new()
    foreach ($test in @($project.GetTests())) {
        $tests.Add([ordered]@{
            name           = [string]$test.Name
            status         = [string]$test.Status
            inPlaylist     = ($loaded -and $selected.ContainsKey([string]$test.Id))
            filtersApplied = [bool]$test.AreFiltersApplied
        })
    }
    [ordered]@{ project = [string]$project.Name; playlistLoaded = $loaded; tests = @($tests) }
}
